/**
 * Repeated controls (dispatch targets): the first keeps the plain id the end-to-end flows
 * use, later ones get `-1`, `-2`, … so every locator stays unique.
 */
export function testIdFor(base: string, index: number): string {
  return index === 0 ? base : `${base}-${index}`;
}

/*
 * Holders of pii.view receive clear numbers from the server; the profile still shows them
 * masked, the way everyone else sees them, until the user asks to see them (an audited
 * reveal). Same shapes as the server's masks: 138****8000 and 110***********123X.
 */
const MASK = '*';

function isMasked(value: string): boolean {
  return value.includes(MASK);
}

export function maskPhone(number: string): string {
  if (isMasked(number)) return number;
  if (number.length >= 9) return `${number.slice(0, 3)}${MASK.repeat(number.length - 7)}${number.slice(-4)}`;
  return `${MASK.repeat(Math.max(0, number.length - 2))}${number.slice(-2)}`;
}

export function maskIdNumber(idNumber: string): string {
  if (isMasked(idNumber)) return idNumber;
  return `${idNumber.slice(0, 3)}${MASK.repeat(Math.max(0, idNumber.length - 7))}${idNumber.slice(-4)}`;
}

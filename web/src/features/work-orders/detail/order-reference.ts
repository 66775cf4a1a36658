/** What the user typed to name another order: its number (GD20261127-0001) or its id. */
export type OrderReference = { kind: 'id'; id: number } | { kind: 'number'; number: string };

const ORDER_NUMBER = /^[A-Za-z]{1,6}\d{8}-\d{1,8}$/;

export function parseOrderReference(input: string): OrderReference | null {
  const text = input.trim().replace(/^#/, '');
  if (/^\d{1,12}$/.test(text)) {
    const id = Number(text);
    return id > 0 ? { kind: 'id', id } : null;
  }
  if (ORDER_NUMBER.test(text)) return { kind: 'number', number: text.toUpperCase() };
  return null;
}

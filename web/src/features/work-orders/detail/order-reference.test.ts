import { describe, expect, it } from 'vitest';
import { parseOrderReference } from './order-reference';

describe('parseOrderReference', () => {
  it('reads an order number, in any case and with spaces around', () => {
    expect(parseOrderReference(' gd20261127-0001 ')).toEqual({ kind: 'number', number: 'GD20261127-0001' });
  });

  it('reads an id, with or without #', () => {
    expect(parseOrderReference('42')).toEqual({ kind: 'id', id: 42 });
    expect(parseOrderReference('#7')).toEqual({ kind: 'id', id: 7 });
  });

  it('refuses anything else', () => {
    expect(parseOrderReference('')).toBeNull();
    expect(parseOrderReference('0')).toBeNull();
    expect(parseOrderReference('宽带')).toBeNull();
    expect(parseOrderReference('GD2026-1')).toBeNull();
  });
});

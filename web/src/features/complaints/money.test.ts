import { describe, expect, it } from 'vitest';
import { fenToYuan, formatYuan, yuanToFen } from './money';

describe('fen ↔ yuan', () => {
  it('converts without float drift', () => {
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1234.5)).toBe(123_450);
    expect(fenToYuan(123_450)).toBe(1234.5);
    for (const fen of [0, 1, 99, 100, 1999, 100_000_000]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });

  it('formats as currency', () => {
    expect(formatYuan(123_450, 'zh-CN')).toBe('¥1,234.50');
  });
});

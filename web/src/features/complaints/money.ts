/** Compensation is stored in fen (integers, house rule 7) and typed in yuan. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Yuan as typed (at most two decimals are meaningful) to whole fen, without float drift: 19.99 → 1999. */
export function yuanToFen(yuan: number): number {
  return Math.round(Number((yuan * 100).toFixed(4)));
}

/** ¥1,234.50 style, in the UI's locale. */
export function formatYuan(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fenToYuan(fen));
}

import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './normalize.js';
import { seededRandom } from './search.fixtures.js';

describe('normalizeForSearch', () => {
  it('turns full-width letters, digits, punctuation and spaces into their usual forms', () => {
    expect(normalizeForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeForSearch('Ｗｉ－Ｆｉ')).toBe('wi-fi');
    expect(normalizeForSearch('ＵＳＩＭ卡　补换卡')).toBe('usim卡 补换卡');
    expect(normalizeForSearch('①号线 ㎒')).toBe('1号线 mhz');
  });

  it('lower-cases, with the Greek final sigma folded so position does not matter', () => {
    expect(normalizeForSearch('USIM Wi-Fi 5G')).toBe('usim wi-fi 5g');
    expect(normalizeForSearch('ΟΔΟΣ')).toBe('οδοσ');
    expect(normalizeForSearch('ΟΔΟΣΑ')).toContain(normalizeForSearch('ΟΔΟΣ'));
  });

  it('collapses white space of every kind and trims it', () => {
    expect(normalizeForSearch('  宽带\n\t断网　 了 ')).toBe('宽带 断网 了');
    expect(normalizeForSearch(' \u3000\n ')).toBe('');
  });

  it('drops invisible characters pasted between letters', () => {
    expect(normalizeForSearch('宽\u200b带')).toBe('宽带');
    expect(normalizeForSearch('soft\u00adware\ufeff')).toBe('software');
  });

  it('is idempotent for every assigned code point', () => {
    // Planes 0–2 and the tags/variation selectors of plane 14 hold every character that
    // NFKC, case or the invisible set touch; planes 3–13 and 15–16 are CJK extensions or
    // unassigned and private.
    const codes = function* () {
      for (let code = 0; code < 0x30000; code += 1) if (code < 0xd800 || code > 0xdfff) yield code;
      for (let code = 0xe0000; code < 0xe1000; code += 1) yield code;
    };
    const broken: string[] = [];
    for (const code of codes()) {
      const once = normalizeForSearch(String.fromCodePoint(code));
      if (normalizeForSearch(once) !== once) broken.push(code.toString(16));
    }
    expect(broken).toEqual([]);
  });

  it('maps a substring of a text to a substring of the normalised text', () => {
    const alphabet = Array.from('宽带断网话费补卡ＵＳＩＭusim５Ｇ5g-－ 　\n，,"ΣΟΔ𠮷\u200b');
    const random = seededRandom(11);
    for (let round = 0; round < 2000; round += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]!);
      const start = Math.floor(random() * text.length);
      const piece = text.slice(start, start + 1 + Math.floor(random() * 6)).join('');
      expect(normalizeForSearch(text.join(''))).toContain(normalizeForSearch(piece));
    }
  });
});

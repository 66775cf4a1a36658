import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './normalize.js';
import { seededRandom } from './search.fixtures.js';
import { documentTokens, isSearchable, queryTokens } from './tokens.js';

const sorted = (tokens: Iterable<string>) => [...tokens].sort();

describe('search tokens', () => {
  it('treats letters, digits and combining marks of every script as searchable, nothing else', () => {
    for (const char of ['a', 'Z', '7', '宽', 'ア', '한', 'ж', '७', '\u0947', '𠮷']) expect({ char, searchable: isSearchable(char) }).toEqual({ char, searchable: true });
    for (const char of [' ', '-', '，', '"', '*', '¥', '😡', '_']) expect({ char, searchable: isSearchable(char) }).toEqual({ char, searchable: false });
  });

  it('indexes every character, every adjacent pair, and every four ASCII letters or digits in a row', () => {
    expect(sorted(documentTokens('USIM卡'))).toEqual(sorted(['u', 's', 'i', 'm', '卡', 'us', 'si', 'im', 'm卡', 'usim']));
    expect(sorted(documentTokens('宽带断网'))).toEqual(sorted(['宽', '带', '断', '网', '宽带', '带断', '断网']));
    // No pair across punctuation or a space.
    expect(sorted(documentTokens('Wi-Fi 5G'))).toEqual(sorted(['w', 'i', 'f', 'wi', 'fi', '5', 'g', '5g']));
    expect(sorted(documentTokens('ＡＢＣ１２３'))).toEqual(sorted(['a', 'b', 'c', '1', '2', '3', 'ab', 'bc', 'c1', '12', '23', 'abc1', 'bc12', 'c123']));
    expect(sorted(documentTokens('尾号8000'))).toEqual(sorted(['尾', '号', '8', '0', '尾号', '号8', '80', '00', '8000']));
    expect(sorted(documentTokens('𠮷野'))).toEqual(sorted(['𠮷', '野', '𠮷野']));
    expect(documentTokens('—— !! ——').size).toBe(0);
  });

  it('asks for the bigrams of a query (quadgrams in ASCII runs), and for single characters only where nothing else covers them', () => {
    expect(queryTokens('宽带')).toEqual(['宽带']);
    expect(queryTokens('宽带断网')).toEqual(['宽带', '带断', '断网']);
    expect(queryTokens('卡')).toEqual(['卡']);
    expect(queryTokens('ＵＳＩＭ卡')).toEqual(['usim', 'm卡']);
    expect(queryTokens('usi')).toEqual(['us', 'si']);
    expect(queryTokens('wi-fi')).toEqual(['wi', 'fi']);
    expect(queryTokens('a-宽带')).toEqual(['a', '宽带']);
    expect(queryTokens('13800138000')).toEqual(['1380', '3800', '8001', '0013', '0138', '8000']);
    expect(queryTokens('尾号8000')).toEqual(['尾号', '号8', '8000']);
    expect(queryTokens('-')).toEqual([]);
    expect(queryTokens('"*"')).toEqual([]);
  });

  it('never asks a query for a token its containing text lacks (recall is never lost)', () => {
    const alphabet = Array.from('宽带断网话费补卡上门维修ＵＳＩＭusimwifi5g13８0ab12ab12 -－，"*😡𠮷\u0301e');
    const random = seededRandom(5);
    for (let round = 0; round < 3000; round += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      const normalized = Array.from(normalizeForSearch(text));
      const start = Math.floor(random() * normalized.length);
      const query = normalized.slice(start, start + 1 + Math.floor(random() * 8)).join('');
      const available = documentTokens(text);
      const missing = queryTokens(query).filter((token) => !available.has(token));
      expect({ text, query, missing }).toEqual({ text, query, missing: [] });
    }
  });
});

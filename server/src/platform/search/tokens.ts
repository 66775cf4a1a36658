import { normalizeForSearch } from './normalize.js';

/**
 * Index tokens: every searchable character (unigram) and every pair of adjacent searchable
 * characters (bigram) of the normalised text, plus every four adjacent characters (quadgram)
 * inside a run of ASCII letters and digits. Any substring of a document therefore has all of
 * its own tokens among the document's, whatever the language, so a lookup on tokens never
 * loses a match; the exact substring check afterwards removes the false ones.
 * Nothing here knows Chinese words: `宽带` is found because `宽带` is a bigram of both the
 * query and the document, not because a dictionary knows the word.
 *
 * Why quadgrams: Chinese bigrams are selective (thousands of characters, millions of pairs),
 * but digits make only 100 bigrams, each in a large share of all texts. A phone number's
 * bigrams would each select a large part of the corpus; its quadgrams (`1380`, `3800`, …)
 * select a few rows.
 *
 * Tokens are opaque strings of one, two or four code points, none of them white space.
 */

/**
 * Letters and digits, and combining marks, which are part of letters in Thai, Devanagari
 * and other scripts (so their words still give bigrams). Punctuation, symbols and spaces
 * are not searchable: they are still checked by the substring test, only not indexed.
 */
export function isSearchable(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return isAsciiAlphanumeric(code);
  return SEARCHABLE.test(char);
}

const SEARCHABLE = /^[\p{L}\p{N}\p{M}]$/u;
const QUADGRAM = 4;

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Whether this character belongs to runs that also give quadgrams. */
function isAsciiRunChar(char: string): boolean {
  return char.length === 1 && isAsciiAlphanumeric(char.charCodeAt(0));
}

/** All tokens of a document text (normalised here). */
export function documentTokens(text: string): Set<string> {
  return documentTokensOfNormalized(normalizeForSearch(text));
}

/** {@link documentTokens} of text that has already been through `normalizeForSearch`. */
export function documentTokensOfNormalized(normalized: string): Set<string> {
  const tokens = new Set<string>();
  let previous = '';
  // The last (up to) four characters of the current ASCII run.
  let asciiTail = '';
  for (const char of normalized) {
    asciiTail = isAsciiRunChar(char) ? (asciiTail + char).slice(-QUADGRAM) : '';
    if (asciiTail.length === QUADGRAM) tokens.add(asciiTail);
    if (!isSearchable(char)) {
      previous = '';
      continue;
    }
    tokens.add(char);
    if (previous) tokens.add(previous + char);
    previous = char;
  }
  return tokens;
}

/**
 * The tokens a document must hold to contain this query (normalised here) as a substring:
 * the quadgrams of its ASCII runs of four or more, its bigrams not already inside such a
 * run, and the searchable characters that belong to no bigram (the `a` of `a-宽带`).
 * A pair around a non-searchable character (`i-f` in `wi-fi`) is no constraint. A query
 * with no searchable character at all (`-`, `@`) has no tokens: only a scan can answer it.
 */
export function queryTokens(query: string): string[] {
  return queryTokensOfNormalized(normalizeForSearch(query));
}

/** {@link queryTokens} of a query that has already been through `normalizeForSearch`. */
export function queryTokensOfNormalized(normalized: string): string[] {
  const tokens = new Set<string>();
  const chars = Array.from(normalized);
  // Length of the ASCII run each character belongs to.
  const runLength = new Array<number>(chars.length).fill(0);
  for (let start = 0; start < chars.length; ) {
    let end = start;
    while (end < chars.length && isAsciiRunChar(chars[end]!)) end += 1;
    for (let index = start; index < end; index += 1) runLength[index] = end - start;
    start = Math.max(end, start + 1);
  }
  chars.forEach((char, index) => {
    if (!isSearchable(char)) return;
    const next = chars[index + 1];
    const before = index > 0 && isSearchable(chars[index - 1]!);
    const after = next !== undefined && isSearchable(next);
    const inLongRun = runLength[index]! >= QUADGRAM;
    if (inLongRun && index + QUADGRAM <= chars.length && chars.slice(index, index + QUADGRAM).every(isAsciiRunChar)) {
      tokens.add(chars.slice(index, index + QUADGRAM).join(''));
    }
    // A pair inside a long ASCII run is implied by the run's quadgrams.
    if (after && !(inLongRun && isAsciiRunChar(next))) tokens.add(char + next);
    else if (!before && !after) tokens.add(char);
  });
  return [...tokens];
}

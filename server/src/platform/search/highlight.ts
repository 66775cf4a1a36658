import { foldCharacters, normalizeForSearch } from './normalize.js';

/** A piece of an excerpt; the UI marks the `match` pieces (no HTML is produced here). */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

const ELLIPSIS = '…';

/**
 * An excerpt of `text` of at most `maxLength` characters (plus `…` where it is cut), centred
 * on the first match of the query, with every occurrence of every query word marked.
 * Matching is the search's own: on normalised text, so `ＵＳＩＭ` in the text is marked for
 * the query `usim`, while the excerpt shows the text as written (white space runs shown as
 * one space). Several queries (synonym expansions) may be given; all their words are marked.
 * Without a match the excerpt is the beginning of the text.
 */
export function highlight(text: string, query: string | readonly string[], options: { maxLength: number }): HighlightSegment[] {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim());
  const matches = findMatches(chars, queryWords(query));
  const maxLength = Math.max(1, Math.floor(options.maxLength));
  let start = 0;
  let end = chars.length;
  if (chars.length > maxLength) {
    const first = matches[0];
    // Room left around the match, shared out evenly; a match longer than the excerpt starts it.
    const margin = first ? Math.max(0, Math.floor((maxLength - (first.end - first.start)) / 2)) : 0;
    start = first ? Math.max(0, first.start - margin) : 0;
    start = Math.min(start, chars.length - maxLength);
    end = start + maxLength;
  }

  const segments: HighlightSegment[] = [];
  const push = (from: number, to: number, match: boolean) => {
    if (from < to) segments.push({ text: chars.slice(from, to).join(''), match });
  };
  let position = start;
  for (const range of matches) {
    if (range.end <= start || range.start >= end) continue;
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    push(position, from, false);
    push(from, to, true);
    position = to;
  }
  push(position, end, false);
  if (start > 0) addOuterText(segments, 'first', ELLIPSIS);
  if (end < chars.length) addOuterText(segments, 'last', ELLIPSIS);
  return segments;
}

function queryWords(query: string | readonly string[]): string[] {
  const queries = typeof query === 'string' ? [query] : query;
  const words = queries.flatMap((text) => normalizeForSearch(text).split(' ')).filter(Boolean);
  return [...new Set(words)];
}

/**
 * Folding is per character (NFKC and two regular expressions each): a list page highlights a
 * few hundred texts of the same few thousand characters, so the folds are kept across calls.
 */
const FOLDED_PIECES = new Map<string, string>();
const FOLDED_PIECES_KEPT = 20_000;

interface Range {
  start: number;
  end: number;
}

/**
 * Ranges (in code points of `chars`) of all occurrences of the words, merged and in order.
 * The text is normalised piece by piece (a character with its combining marks), keeping for
 * each normalised code unit the piece it came from, so a match maps back to the original.
 */
function findMatches(chars: string[], words: string[]): Range[] {
  if (words.length === 0) return [];
  let normalized = '';
  const pieceOfUnit: number[] = [];
  const pieces: Range[] = [];
  // Texts repeat few distinct characters: fold each once.
  for (let index = 0; index < chars.length; ) {
    let end = index + 1;
    while (end < chars.length && isMark(chars[end]!)) end += 1;
    const piece = end === index + 1 ? chars[index]! : chars.slice(index, end).join('');
    let folded = FOLDED_PIECES.get(piece);
    if (folded === undefined) {
      folded = foldCharacters(piece).replace(/\s+/gu, ' ');
      if (FOLDED_PIECES.size >= FOLDED_PIECES_KEPT) FOLDED_PIECES.clear();
      FOLDED_PIECES.set(piece, folded);
    }
    if (folded === ' ' && (normalized === '' || normalized.endsWith(' '))) folded = '';
    pieces.push({ start: index, end });
    for (let unit = 0; unit < folded.length; unit += 1) pieceOfUnit.push(pieces.length - 1);
    normalized += folded;
    index = end;
  }

  const found: Range[] = [];
  for (const word of words) {
    for (let at = normalized.indexOf(word); at >= 0; at = normalized.indexOf(word, at + word.length)) {
      found.push({ start: pieces[pieceOfUnit[at]!]!.start, end: pieces[pieceOfUnit[at + word.length - 1]!]!.end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function isMark(char: string): boolean {
  return char.charCodeAt(0) >= 0x300 && MARK.test(char);
}

const MARK = /^\p{M}$/u;

function addOuterText(segments: HighlightSegment[], side: 'first' | 'last', text: string): void {
  const index = side === 'first' ? 0 : segments.length - 1;
  const segment = segments[index];
  if (segment && !segment.match) {
    segment.text = side === 'first' ? text + segment.text : segment.text + text;
  } else if (side === 'first') {
    segments.unshift({ text, match: false });
  } else {
    segments.push({ text, match: false });
  }
}

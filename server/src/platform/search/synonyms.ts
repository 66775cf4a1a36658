import { normalizeForSearch } from './normalize.js';

/**
 * Alternative spellings of a query from synonym groups (`[['宽带', '网络', '上网'], …]`):
 * every occurrence of a group's term in the query may be replaced by any other term of the
 * group (of every group holding it). The normalised query itself comes first, then the
 * variants with one replacement, then two, …, at most `limit` queries in all. Searching
 * with the alternatives OR-ed therefore only ever adds results.
 *
 * Terms are found as substrings — Chinese has no spaces between words, so `宽带故障` yields
 * `网络故障` — longest term first, left to right. A term starting or ending with a Latin
 * letter or digit must not continue a Latin word there (`net` is not replaced inside
 * `internet`).
 */
export function expandQuery(query: string, synonymGroups: readonly (readonly string[])[], options: { limit?: number } = {}): string[] {
  const limit = options.limit ?? 20;
  const normalized = normalizeForSearch(query);
  if (!normalized) return [];
  const alternativesOf = synonymTable(synonymGroups);
  const pieces = splitOnTerms(normalized, alternativesOf);
  const slots = pieces.flatMap((piece, index) => (typeof piece === 'string' ? [] : [index]));

  const results = new Set<string>([normalized]);
  // Variants in order of how many terms they replace, each replacement choosing a slot and
  // one of its alternatives; stops as soon as the limit is reached.
  const replace = (chosen: Map<number, string>, fromSlot: number, remaining: number): void => {
    if (results.size >= limit) return;
    if (remaining === 0) {
      results.add(pieces.map((piece, index) => (typeof piece === 'string' ? piece : (chosen.get(index) ?? piece.term))).join(''));
      return;
    }
    for (let slot = fromSlot; slot < slots.length; slot += 1) {
      const pieceIndex = slots[slot]!;
      const piece = pieces[pieceIndex] as TermPiece;
      for (const alternative of piece.alternatives) {
        chosen.set(pieceIndex, alternative);
        replace(chosen, slot + 1, remaining - 1);
        chosen.delete(pieceIndex);
        if (results.size >= limit) return;
      }
    }
  };
  for (let count = 1; count <= slots.length && results.size < limit; count += 1) replace(new Map(), 0, count);
  return [...results];
}

interface TermPiece {
  term: string;
  /** The other terms it may become. */
  alternatives: string[];
}

/** Normalised term → the other terms of every group that holds it. */
function synonymTable(groups: readonly (readonly string[])[]): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map(normalizeForSearch).filter(Boolean))];
    for (const term of terms) {
      const others = table.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      table.set(term, others);
    }
  }
  return table;
}

/** The query as literal text and term occurrences (longest term first, left to right). */
function splitOnTerms(query: string, alternativesOf: Map<string, Set<string>>): Array<string | TermPiece> {
  const terms = [...alternativesOf.keys()].filter((term) => alternativesOf.get(term)!.size > 0).sort((a, b) => b.length - a.length);
  const pieces: Array<string | TermPiece> = [];
  let literal = '';
  for (let at = 0; at < query.length; ) {
    const term = terms.find((candidate) => query.startsWith(candidate, at) && onWordBoundaries(query, at, at + candidate.length));
    if (!term) {
      literal += query[at];
      at += 1;
      continue;
    }
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push({ term, alternatives: [...alternativesOf.get(term)!] });
    at += term.length;
  }
  if (literal) pieces.push(literal);
  return pieces;
}

const LATIN_ALNUM = /[a-z0-9]/;

function onWordBoundaries(text: string, start: number, end: number): boolean {
  const joinsBefore = start > 0 && LATIN_ALNUM.test(text[start - 1]!) && LATIN_ALNUM.test(text[start]!);
  const joinsAfter = end < text.length && LATIN_ALNUM.test(text[end - 1]!) && LATIN_ALNUM.test(text[end]!);
  return !joinsBefore && !joinsAfter;
}

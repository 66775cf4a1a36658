/**
 * The one text normalisation of search: documents and queries both pass through it, and a
 * query matches a document exactly when its normalised form is a substring of the
 * document's normalised form.
 *
 * - NFKC: full-width letters, digits and punctuation become their usual forms
 *   (`ＡＢＣ１２３` → `abc123`, the ideographic space → a space), compatibility characters
 *   such as `①` or `㎒` are spelled out.
 * - Lower case, with the Greek final sigma folded to σ so that lower-casing does not depend
 *   on where a letter stands (otherwise `ΟΔΟΣ` would not be found inside `ΟΔΟΣΑ`).
 * - Invisible characters (zero-width space, soft hyphen, BOM, variation selectors …) are
 *   dropped: text pasted from chat apps and web pages carries them between visible letters.
 * - Runs of white space become one space; leading and trailing space is dropped.
 *
 * Every step works character by character (checked for every code point in the tests), so
 * normalising is idempotent and a substring of the original text normalises to a substring
 * of the normalised text, apart from NFKC composing across the cut (`e` + combining accent).
 */
export function normalizeForSearch(text: string): string {
  return foldCharacters(text).replace(WHITESPACE_RUN, ' ').trim();
}

/** The per-character part of {@link normalizeForSearch}, without white-space collapsing. */
export function foldCharacters(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FINAL_SIGMA, 'σ').replace(INVISIBLE, '');
}

const FINAL_SIGMA = /ς/g;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const WHITESPACE_RUN = /\s+/gu;

import { highlight } from '../../platform/search/highlight.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** A search excerpt as HTML: the text escaped, the matches in <mark> — nothing else, so the web may render it. */
export function highlightHtml(text: string, query: string | readonly string[], maxLength: number): string {
  return highlight(text, query, { maxLength })
    .map((segment) => (segment.match ? `<mark>${escapeHtml(segment.text)}</mark>` : escapeHtml(segment.text)))
    .join('');
}

import sanitizeHtml from 'sanitize-html';

/**
 * Formatting an article may keep; everything else (script, style, event handlers, iframes,
 * images from elsewhere) is removed on the way in, so stored HTML is safe to render — in the
 * app and on the public FAQ. Images are embedded (data:) or served by Kefu itself (relative).
 */
const OWN_IMAGE = /^(\/api\/knowledge\/images\/[A-Za-z0-9_-]{22,64}|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+)$/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a',
    'h2', 'h3', 'h4', 'span', 'hr', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  // An image is Kefu's own (an uploaded article image) or embedded; any other source is dropped.
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
  disallowedTagsMode: 'discard',
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

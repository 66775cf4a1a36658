import { escapeHtml, textToHtml } from '../work-orders/detail/composer';

/** Plain text becomes paragraphs; text with tags is taken as HTML (the server sanitises either). */
export function bodyToHtml(body: string): string {
  return /<[a-z][\s\S]*>/i.test(body) ? body : textToHtml(body);
}

/** An uploaded image appended to the body as its own paragraph. */
export function withImage(body: string, url: string, fileName: string): string {
  return `${bodyToHtml(body)}<p><img src="${escapeHtml(url)}" alt="${escapeHtml(fileName)}"></p>`;
}

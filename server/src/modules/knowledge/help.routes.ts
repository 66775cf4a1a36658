import { z } from 'zod';
import type { Locale } from '@kefu/contracts';
import type { KefuFastify } from '../../platform/http/types.js';
import type { Translator } from '../../platform/i18n.js';
import type { SettingsService } from '../settings/settings.service.js';
import { escapeHtml } from './article-html.js';
import { contentDisposition } from '../work-orders/attachment-files.js';
import { ARTICLE_IMAGE_PATH, type KnowledgeService, type PublicArticle, type PublicHit } from './knowledge.service.js';

const PAGE_SIZE = 100;
const STYLE = `
body{margin:0;font:16px/1.7 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#1f2329;background:#f5f6f7}
header{background:#1677ff;color:#fff;padding:20px 0}header a{color:#fff;text-decoration:none}
main,header>div{max-width:860px;margin:0 auto;padding:0 20px}
h1{font-size:24px;margin:0}main{padding-top:20px;padding-bottom:40px}
form{display:flex;gap:8px;margin:0 0 20px}input[type=search]{flex:1;padding:8px 12px;font-size:16px;border:1px solid #d0d3d6;border-radius:6px}
button{padding:8px 18px;font-size:16px;border:0;border-radius:6px;background:#1677ff;color:#fff;cursor:pointer}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:16px}h2{font-size:18px;margin:0 0 8px}
ul.faq{list-style:none;margin:0;padding:0}ul.faq li{padding:10px 0;border-bottom:1px solid #f0f0f0}ul.faq li:last-child{border:0}
ul.faq a{color:#1f2329;font-weight:600;text-decoration:none}ul.faq p{margin:4px 0 0;color:#646a73;font-size:14px}
mark{background:#fff1b8;color:inherit}article{background:#fff;border-radius:8px;padding:20px 24px}
article img{max-width:100%}.meta{color:#8f959e;font-size:14px}table{border-collapse:collapse}td,th{border:1px solid #e5e6eb;padding:4px 8px}
`;

/**
 * The public FAQ (常见问题): published, public, currently valid articles as server-rendered
 * HTML — no login, no script, indexable, every text escaped (bodies were sanitised on the way in).
 * Outside /api, so the access control leaves these paths alone.
 */
export function registerHelpRoutes(app: KefuFastify, deps: { knowledge: KnowledgeService; settings: SettingsService; i18n: Translator }): void {
  const { knowledge, settings, i18n } = deps;

  async function page(locale: Locale, title: string, description: string, content: string): Promise<string> {
    const t = (key: string, params?: Record<string, unknown>) => i18n.t(locale, `knowledge.help.${key}`, params);
    return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<style>${STYLE}</style>
</head>
<body>
<header><div><h1><a href="/help">${escapeHtml(t('title'))}</a></h1></div></header>
<main>
${content}
</main>
</body>
</html>`;
  }

  function searchForm(locale: Locale, q: string): string {
    const t = (key: string) => i18n.t(locale, `knowledge.help.${key}`);
    return `<form method="get" action="/help" role="search"><input type="search" name="q" value="${escapeHtml(q)}" aria-label="${escapeHtml(t('searchLabel'))}" placeholder="${escapeHtml(t('searchLabel'))}" maxlength="100"><button type="submit">${escapeHtml(t('searchButton'))}</button></form>`;
  }

  function link(hit: { id: number; slug: string | null }): string {
    return `/help/${encodeURIComponent(hit.slug ?? String(hit.id))}`;
  }

  /** Hits carry escaped text with <mark> only (highlightHtml). */
  function hitItem(hit: PublicHit): string {
    return `<li><a href="${link(hit)}">${hit.titleHtml}</a><p>${hit.excerptHtml}</p></li>`;
  }

  app.get(
    '/help',
    { config: { access: 'public' }, schema: { hide: true, querystring: z.object({ q: z.string().max(100).optional() }) } },
    async (request, reply) => {
      const locale = request.locale;
      const t = (key: string, params?: Record<string, unknown>) => i18n.t(locale, `knowledge.help.${key}`, params);
      const organization = (await settings.get()).name;
      const q = (request.query.q ?? '').trim();
      const { items, total } = await knowledge.publicList(q || undefined, PAGE_SIZE);
      let content = searchForm(locale, q);
      if (q) {
        content += `<section><h2>${escapeHtml(t('results', { query: q, count: total }))}</h2>`;
        content += items.length > 0 ? `<ul class="faq">${items.map(hitItem).join('')}</ul>` : `<p>${escapeHtml(t('noResults'))}</p>`;
        content += `<p><a href="/help">${escapeHtml(t('back'))}</a></p></section>`;
      } else if (items.length === 0) {
        content += `<section><p>${escapeHtml(t('empty'))}</p></section>`;
      } else {
        const groups = new Map<string, PublicHit[]>();
        for (const item of items) {
          const name = item.categoryName ?? t('uncategorized');
          groups.set(name, [...(groups.get(name) ?? []), item]);
        }
        for (const [name, hits] of groups) content += `<section><h2>${escapeHtml(name)}</h2><ul class="faq">${hits.map(hitItem).join('')}</ul></section>`;
      }
      const html = await page(locale, `${t('title')} - ${organization}`, t('description', { organization }), content);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').header('content-language', locale).send(html);
    },
  );

  app.get(
    '/help/images/:token',
    { config: { access: 'public' }, schema: { hide: true, params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) }) } },
    async (request, reply) => {
      // No session is read outside /api: only images of public FAQ articles are found here.
      const image = await knowledge.image(null, request.params.token);
      if (!image) return reply.code(404).type('text/plain; charset=utf-8').send('404');
      return reply
        .type(image.contentType)
        .header('content-disposition', contentDisposition('inline', image.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'public, max-age=3600')
        .send(image.bytes);
    },
  );

  app.get(
    '/help/:key',
    { config: { access: 'public' }, schema: { hide: true, params: z.object({ key: z.string().max(100) }) } },
    async (request, reply) => {
      const locale = request.locale;
      const t = (key: string, params?: Record<string, unknown>) => i18n.t(locale, `knowledge.help.${key}`, params);
      const organization = (await settings.get()).name;
      const article: PublicArticle | null = await knowledge.publicArticle(request.params.key);
      if (!article) {
        const html = await page(locale, `${t('title')} - ${organization}`, t('description', { organization }), `${searchForm(locale, '')}<section><p>${escapeHtml(t('noResults'))}</p><p><a href="/help">${escapeHtml(t('back'))}</a></p></section>`);
        return reply.code(404).type('text/html; charset=utf-8').send(html);
      }
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: (await settings.get()).timeZone }).format(article.publishedAt);
      const description = article.summary ?? Array.from(htmlToText(article.bodyHtml)).slice(0, 150).join('');
      const content = `<article>
<p class="meta">${article.categoryName ? `${escapeHtml(article.categoryName)} · ` : ''}${escapeHtml(t('updated', { date }))}</p>
<h1>${escapeHtml(article.title)}</h1>
${article.summary ? `<p><strong>${escapeHtml(article.summary)}</strong></p>` : ''}
${publicImages(article.bodyHtml)}
<p class="meta">${escapeHtml(t('contact'))}</p>
</article>
<p><a href="/help">${escapeHtml(t('back'))}</a></p>`;
      const html = await page(locale, `${article.title} - ${t('title')} - ${organization}`, description, content);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').header('content-language', locale).send(html);
    },
  );
}

/** Body images are served to the public from /help/images/ (the /api path needs a session). */
function publicImages(html: string): string {
  return html.replaceAll(`src="${ARTICLE_IMAGE_PATH}`, 'src="/help/images/');
}

function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').replace(/\s+/g, ' ').trim();
}

import { openDatabase } from '../../server/src/db/database.js';
import { normalizeForSearch } from '../../server/src/platform/search/normalize.js';

/**
 * The brute-force answer to work-order searches, for measuring recall: which live orders
 * contain every word of each query, found by reading every order's texts from the product
 * tables (not from the search index) and testing substrings.
 *
 * Same rules as the product's search (platform/search, work-orders.service reindex()):
 * - texts and queries are normalised by the product's own `normalizeForSearch` (NFKC, lower
 *   case, invisible characters dropped, white space collapsed);
 * - a query is its distinct space-separated words; an order matches when each word is a
 *   substring of at least one of its fields: number, title, description, contact
 *   (`name phone`), replies (all messages, notes included);
 * - binned orders (deleted_at set) are left out, as every list view leaves them out.
 * So `GET /api/work-orders?view=all&q=<query>` as an administrator (scope: everything)
 * must return exactly these ids. Its `total` stops at LIST_COUNT_CAP (1,001): compare ids
 * page by page, or compare totals only for queries with fewer matches than the cap.
 *
 * One pass over the data answers all queries (orders are read in keyset pages of
 * `pageSize`), so 50 queries over a million orders take one scan, not fifty.
 */
export async function bruteForceSearch(url: string, queries: readonly string[], options: { pageSize?: number } = {}): Promise<Map<string, number[]>> {
  const pageSize = options.pageSize ?? 20_000;
  const words = queries.map(queryWords);
  const matches = queries.map(() => [] as number[]);
  const db = openDatabase(url, { poolSize: 1 });
  try {
    for (let after = 0; ; ) {
      const orders = await db.kysely
        .selectFrom('work_order')
        .select(['id', 'number', 'title', 'description', 'contact_name', 'contact_phone', 'deleted_at'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (orders.length === 0) break;
      const first = orders[0]!.id;
      const last = orders[orders.length - 1]!.id;
      const replies = new Map<number, string[]>();
      const rows = await db.kysely
        .selectFrom('work_order_message')
        .select(['order_id', 'body_text'])
        .where('order_id', '>=', first)
        .where('order_id', '<=', last)
        .orderBy('order_id')
        .orderBy('id')
        .execute();
      for (const row of rows) replies.set(row.order_id, [...(replies.get(row.order_id) ?? []), row.body_text]);
      for (const order of orders) {
        if (order.deleted_at !== null) continue;
        const text = searchableText({
          number: order.number,
          title: order.title,
          description: order.description,
          contact: [order.contact_name, order.contact_phone].filter(Boolean).join(' '),
          replies: (replies.get(order.id) ?? []).join('\n'),
        });
        words.forEach((queryWordList, index) => {
          if (queryWordList.length > 0 && queryWordList.every((word) => text.includes(word))) matches[index]!.push(order.id);
        });
      }
      after = last;
    }
  } finally {
    await db.close();
  }
  return new Map(queries.map((query, index) => [query, matches[index]!]));
}

/** A query's distinct normalised words, as the product splits it. */
export function queryWords(query: string): string[] {
  return [...new Set(normalizeForSearch(query).split(' ').filter(Boolean))];
}

/**
 * An order's fields, each normalised, joined by a line feed: normalised text never holds one
 * and neither does a word, so a word is found in the joined text exactly when it is found
 * in one field.
 */
export function searchableText(fields: Record<string, string | null | undefined>): string {
  return Object.values(fields)
    .map((text) => normalizeForSearch(text ?? ''))
    .join('\n');
}

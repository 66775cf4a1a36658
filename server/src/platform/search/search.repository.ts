import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import { normalizeForSearch } from './normalize.js';
import { documentTokensOfNormalized, queryTokensOfNormalized } from './tokens.js';
import { SEARCH_ENTITY_ID_LIMIT, SEARCH_FIELD_SLOTS, SEARCH_TYPE_CODE_LIMIT, SEARCH_TYPE_UNIT } from '../../db/migrations/0009_search_speed.js';

/** What one entity (a customer, a work order, an article) offers to search: field → text. */
export interface SearchDocument {
  /** `customer`, `work_order`, …: lower-case letters, digits and `_`. */
  entityType: string;
  entityId: number;
  /** Field name (`title`, `body`, …: lower-case letters, digits, `_`) → text; empty texts are not indexed. */
  fields: Record<string, string | null | undefined>;
}

export interface SearchRequest {
  entityType: string;
  /**
   * What the user typed. Words separated by spaces must all be found, each as a substring of
   * at least one field (`宽带 故障`). Several queries (synonym expansions) are alternatives:
   * an entity matches when it matches any of them.
   */
  query: string | readonly string[];
  /** Weight of a match in each field (title above body); fields not listed weigh 1. */
  fieldWeights?: Record<string, number>;
  limit: number;
  offset?: number;
}

export type SearchMatchRequest = Omit<SearchRequest, 'limit' | 'offset'>;

/** A row of {@link searchRepository.matching}. */
export interface SearchMatchRow {
  entity_id: number;
  score: number;
}

export interface SearchHit {
  entityId: number;
  /** Sum, over the words of the best matching query, of the weights of the fields holding the word. */
  score: number;
  /** Fields holding at least one of the words, heaviest first (the one to show an excerpt of). */
  matchedFields: string[];
}

export interface SearchPage {
  items: SearchHit[];
  total: number;
}

/**
 * A query prepared for modules that combine search with their own filters, order and paging
 * at scale ({@link searchRepository.plan}). Each piece is exact (a substring check decides);
 * they differ in what they cost, so the module can pick by {@link SearchPlan.estimate} and
 * {@link SearchPlan.countUpTo}:
 * - `stream`: the matches found through the token index, unordered, an entity once per
 *   matching field, the other words probed in each candidate's texts: cheap to stop after
 *   the first few hundred (`distinct … limit`), costly to read to the end for a common word;
 * - `all`: the same rows, with the other words first read as entity sets from the index
 *   (SQLite): cheaper to read to the end, dearer to start;
 * - `test`: a predicate probing one entity's own texts: cheap per row, for walking a
 *   module's own index in its own order and stopping after a page;
 * - `scored`: the scores of a few given entities (at most a few thousand), as rows to join.
 */
export interface SearchPlan {
  /**
   * Index rows holding the tokens of the rarest word (summed over alternatives), counted up
   * to PLAN_ESTIMATE_CAP on SQLite, estimated from the token statistics on PostgreSQL.
   */
  estimate: number;
  /**
   * How many entities hold every word's tokens (an upper bound of the matches: the texts are
   * not checked), counted up to `cap`, unfiltered by any module condition. On PostgreSQL a
   * common word's count is not read (the GIN index has no early stop): `cap`.
   */
  countUpTo(ex: Executor, cap: number): Promise<number>;
  /** Rows `(entity_id)` of matching entities: unordered, an entity possibly more than once. */
  stream: RawBuilder<{ entity_id: number }>;
  /** The same entities as `stream`, for reading to the end. */
  all: RawBuilder<{ entity_id: number }>;
  /** Whether the entity with this id (a column reference such as `work_order.id`) matches. */
  test(entityId: RawBuilder<unknown>): RawBuilder<SqlBool>;
  /**
   * Of these entity ids, the matching ones with their scores (as {@link searchRepository.matching}
   * scores them), as a subquery of rows `(entity_id, score)`.
   */
  scored(ex: Executor, entityIds: readonly number[]): Promise<RawBuilder<SearchMatchRow>>;
}

/**
 * On SQLite the plan counts the rarest word's index rows up to this: enough to tell "a page
 * walk finds 50 matches quickly" from "fetch them all", and cheap (a few ms).
 */
export const PLAN_ESTIMATE_CAP = 20_000;

/** PostgreSQL counts matches only when the statistics promise at most this many times the cap. */
const POSTGRES_COUNT_SLACK = 4;

/**
 * Search index storage (see migration 0003_search). Lookups use the token index to find
 * candidate rows and then check each candidate exactly — the normalised word must be a
 * substring of the field's normalised text — so results are exactly those of a substring
 * scan, never more and never fewer.
 *
 * A query of several words is driven by its rarest word: much more common words are looked
 * for only in the texts of the entities that one finds.
 */
export const searchRepository = {
  /** Replaces everything indexed for this entity with these fields. */
  async upsert(ex: Executor, dialect: DbDialect, document: SearchDocument): Promise<void> {
    await searchRepository.upsertMany(ex, dialect, [document]);
  },

  /**
   * Replaces what is indexed for each of these entities, in batches (for imports and data
   * generators). Each batch is one transaction unless the caller's executor already is one.
   */
  async upsertMany(ex: Executor, dialect: DbDialect, documents: readonly SearchDocument[], options: { batchSize?: number } = {}): Promise<void> {
    const batchSize = options.batchSize ?? 1000;
    // The same entity twice: the last one wins, as if upserted one after the other.
    const latest = [...new Map(documents.map((document) => [`${document.entityType} ${document.entityId}`, document])).values()];
    for (let start = 0; start < latest.length; start += batchSize) {
      const batch = latest.slice(start, start + batchSize);
      const entries = batch.flatMap(toEntries);
      await atomically(ex, async (tx) => {
        await deleteEntities(tx, dialect, batch);
        if (entries.length > 0) await insertEntries(tx, dialect, entries);
      });
    }
  },

  /** Indexes an entity that has never been indexed (just created): nothing to replace first. */
  async indexNew(ex: Executor, dialect: DbDialect, document: SearchDocument): Promise<void> {
    const entries = toEntries(document);
    if (entries.length > 0) await atomically(ex, (tx) => insertEntries(tx, dialect, entries));
  },

  async remove(ex: Executor, _dialect: DbDialect, entityType: string, entityId: number): Promise<void> {
    // On SQLite a trigger removes the rows' tokens from search_fts.
    await ex.deleteFrom('search_entry').where('entity_type', '=', entityType).where('entity_id', '=', entityId).execute();
  },

  /**
   * The matching entities as a subquery of rows `(entity_id, score)`, for modules that must
   * combine search with their own filters (data scope, status …) and paginate the result:
   * `selectFrom('customer').innerJoin(matches.as('m'), 'm.entity_id', 'customer.id')`.
   * Null when the query holds no word (nothing to search for).
   */
  async matching(ex: Executor, dialect: DbDialect, request: SearchMatchRequest): Promise<RawBuilder<SearchMatchRow> | null> {
    const weights = validatedWeights(request);
    const alternatives = parseAlternatives(request.query);
    if (alternatives.length === 0) return null;
    const scope = await scopeOf(ex, dialect, request.entityType);
    const plans = await Promise.all(alternatives.map((words) => planAlternative(ex, dialect, scope, words)));
    return sql<SearchMatchRow>`(${matchingEntities(dialect, scope, plans, weights)}
      select entity_id, cast(score as double precision) as score from matched)`;
  },

  /**
   * The query prepared for combining with a module's own filters, order and paging at scale
   * (see {@link SearchPlan}). Null when the query holds no word (nothing to search for).
   */
  async plan(ex: Executor, dialect: DbDialect, request: SearchMatchRequest): Promise<SearchPlan | null> {
    const weights = validatedWeights(request);
    const alternatives = parseAlternatives(request.query);
    if (alternatives.length === 0) return null;
    const entityType = request.entityType;
    const scope = await scopeOf(ex, dialect, entityType);
    const plans = await Promise.all(alternatives.map((words) => streamPlan(ex, dialect, scope, words)));
    // Rarest word first: for most entities walked the first probe already fails.
    const test = (entityId: RawBuilder<unknown>) =>
      sql<SqlBool>`(${sql.join(
        plans.map((plan) => {
          const words = [plan.driver, ...plan.sets, ...plan.probed];
          return sql`(${sql.join(words.map((word) => entityHolds(dialect, entityType, entityId, word)), sql` and `)})`;
        }),
        sql` or `,
      )})`;
    const union = (parts: RawBuilder<unknown>[]) => sql<{ entity_id: number }>`(${sql.join(parts, sql` union all `)})`;
    const stream = union(plans.map((plan) => alternativeStream(dialect, scope, { ...plan, sets: [], checked: [], probed: [...plan.sets, ...plan.probed] })));
    const all = union(plans.map((plan) => alternativeStream(dialect, scope, plan)));
    const candidates = union(plans.map((plan) => candidateStream(dialect, scope, plan)));
    const distinctWords = [...new Set(alternatives.flat())];
    return {
      estimate: plans.reduce((sum, plan) => sum + plan.estimate, 0),
      async countUpTo(executor, cap) {
        const estimate = plans.reduce((sum, plan) => sum + plan.estimate, 0);
        if (dialect === 'postgres' && estimate > cap * POSTGRES_COUNT_SLACK) return cap;
        const counted = await sql<{ count: number }>`
          select count(*) as count from (select distinct entity_id from ${candidates} as s limit ${cap}) as counted`.execute(executor);
        return Number(counted.rows[0]?.count ?? 0);
      },
      stream,
      all,
      test,
      async scored(executor, entityIds) {
        const scores = await scoresOf(executor, dialect, entityType, entityIds, alternatives, distinctWords, weights);
        return scoredRows(dialect, scores);
      },
    };
  },

  /** One page of matching entities, best score first, then newest (highest id) first. */
  async search(ex: Executor, dialect: DbDialect, request: SearchRequest): Promise<SearchPage> {
    const offset = request.offset ?? 0;
    if (!Number.isInteger(request.limit) || request.limit < 1 || !Number.isInteger(offset) || offset < 0) {
      throw new Error('search: limit must be a positive integer and offset a non-negative one');
    }
    const matches = await searchRepository.matching(ex, dialect, request);
    if (!matches) return { items: [], total: 0 };
    // Counted once from the materialised matches: cheaper than a window count over them,
    // which keeps every row through the sort.
    const page = await sql<{ entity_id: number; score: number; total: number }>`
      with found as materialized (select entity_id, score from ${matches} as m)
      select entity_id, score, (select count(*) from found) as total from found
      order by score desc, entity_id desc limit ${request.limit} offset ${offset}`.execute(ex);
    let total = Number(page.rows[0]?.total ?? 0);
    if (page.rows.length === 0 && offset > 0) {
      const counted = await sql<{ total: number }>`select count(*) as total from ${matches} as m`.execute(ex);
      total = Number(counted.rows[0]?.total ?? 0);
    }
    const words = [...new Set(parseAlternatives(request.query).flat())];
    const fieldsById = await matchedFields(ex, request.entityType, page.rows.map((row) => row.entity_id), words, request.fieldWeights ?? {});
    return {
      items: page.rows.map((row) => ({
        entityId: Number(row.entity_id),
        score: Number(row.score),
        matchedFields: fieldsById.get(Number(row.entity_id)) ?? [],
      })),
      total,
    };
  },
};

function validatedWeights(request: SearchMatchRequest): Record<string, number> {
  assertName(request.entityType, ENTITY_TYPE, 'entity type');
  const weights = request.fieldWeights ?? {};
  for (const [field, weight] of Object.entries(weights)) {
    assertName(field, FIELD, 'field');
    if (!Number.isFinite(weight) || weight < 0) throw new Error(`search: weight of ${field} must be a non-negative number`);
  }
  return weights;
}

const ENTITY_TYPE = /^[a-z][a-z0-9_]{0,39}$/;
const FIELD = /^[a-z][a-z0-9_]{0,39}$/;

function assertName(name: string, pattern: RegExp, what: string): void {
  if (!pattern.test(name)) throw new Error(`search: invalid ${what} ${JSON.stringify(name)}`);
}

interface Entry {
  entityType: string;
  entityId: number;
  /** The field's place among the document's indexed fields (SQLite: part of the row id). */
  slot: number;
  field: string;
  content: string;
  /** Space-separated. */
  tokens: string;
}

function toEntries(document: SearchDocument): Entry[] {
  assertName(document.entityType, ENTITY_TYPE, 'entity type');
  if (!Number.isSafeInteger(document.entityId) || document.entityId < 0 || document.entityId >= SEARCH_ENTITY_ID_LIMIT) {
    throw new Error(`search: invalid entity id ${document.entityId}`);
  }
  const entries: Entry[] = [];
  for (const [field, text] of Object.entries(document.fields)) {
    assertName(field, FIELD, 'field');
    const content = normalizeForSearch(text ?? '');
    if (!content) continue;
    const tokens = [...documentTokensOfNormalized(content)].join(' ');
    entries.push({ entityType: document.entityType, entityId: document.entityId, slot: entries.length, field, content, tokens });
  }
  if (entries.length > SEARCH_FIELD_SLOTS) throw new Error(`search: at most ${SEARCH_FIELD_SLOTS} indexed fields per entity`);
  return entries;
}

function atomically(ex: Executor, work: (tx: Executor) => Promise<void>): Promise<void> {
  return ex.isTransaction ? work(ex) : ex.transaction().execute(work);
}

async function deleteEntities(tx: Executor, dialect: DbDialect, documents: readonly SearchDocument[]): Promise<void> {
  const idsByType = new Map<string, number[]>();
  for (const { entityType, entityId } of documents) idsByType.set(entityType, [...(idsByType.get(entityType) ?? []), entityId]);
  for (const [entityType, ids] of idsByType) {
    const idList = dialect === 'postgres' ? sql`any(cast(${ids} as integer[]))` : sql`(select value from json_each(${JSON.stringify(ids)}))`;
    await sql`delete from search_entry where entity_type = ${entityType} and entity_id ${dialect === 'postgres' ? sql`=` : sql`in`} ${idList}`.execute(tx);
  }
}

async function insertEntries(tx: Executor, dialect: DbDialect, entries: readonly Entry[]): Promise<void> {
  if (dialect === 'postgres') {
    // Five array parameters whatever the batch size; the tokens travel as one string each.
    // A concurrent upsert of the same entity may have inserted since our delete: last wins.
    await sql`
      insert into search_entry (entity_type, entity_id, field, content, tokens)
      select entity_type, entity_id, field, content, string_to_array(tokens, ' ')
      from unnest(
        cast(${entries.map((e) => e.entityType)} as text[]), cast(${entries.map((e) => e.entityId)} as integer[]),
        cast(${entries.map((e) => e.field)} as text[]), cast(${entries.map((e) => e.content)} as text[]),
        cast(${entries.map((e) => e.tokens)} as text[])
      ) as batch (entity_type, entity_id, field, content, tokens)
      on conflict (entity_type, entity_id, field) do update set content = excluded.content, tokens = excluded.tokens`.execute(tx);
    return;
  }
  // The row id says whose row it is (see TypeScope); an upsert deleted the entity's rows first.
  const scopes = new Map<string, TypeScope>();
  for (const type of new Set(entries.map((e) => e.entityType))) scopes.set(type, await scopeOf(tx, dialect, type, { create: true }));
  const idOf = (e: Entry) => scopes.get(e.entityType)!.first + e.entityId * SEARCH_FIELD_SLOTS + e.slot;
  const rows = JSON.stringify(entries.map((e) => [idOf(e), e.entityType, e.entityId, e.field, e.content]));
  await sql`
    insert into search_entry (id, entity_type, entity_id, field, content)
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${rows})`.execute(tx);
  const indexRows = JSON.stringify(entries.map((e) => [idOf(e), e.tokens]));
  await sql`insert into search_fts (rowid, tokens) select value ->> 0, value ->> 1 from json_each(${indexRows})`.execute(tx);
}

/**
 * One entity type's rows: its name and, on SQLite, the range of row ids its entries hold
 * (`first` … `last`; empty when the type was never indexed). A row id is the type's code ·
 * 2^46 + entity id · 16 + field slot, so the full-text index alone tells which entity of which
 * type holds a token: `(rowid >> 4) & (2^42 − 1)` is the entity id (migration 0009_search_speed).
 */
interface TypeScope {
  entityType: string;
  first: number;
  last: number;
}

function entityIdOf(rowid: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`((${rowid} >> ${sql.lit(Math.log2(SEARCH_FIELD_SLOTS))}) & ${sql.lit(SEARCH_ENTITY_ID_LIMIT - 1)})`;
}

async function scopeOf(ex: Executor, dialect: DbDialect, entityType: string, options: { create?: boolean } = {}): Promise<TypeScope> {
  if (dialect !== 'sqlite') return { entityType, first: 1, last: 0 };
  const read = async () => (await sql<{ code: number }>`select code from search_entity_type where entity_type = ${entityType}`.execute(ex)).rows[0];
  let row = await read();
  if (!row && options.create) {
    // A new entity type (SQLite serialises writers: no one else adds it meanwhile).
    await sql`insert into search_entity_type (entity_type) values (${entityType}) on conflict (entity_type) do nothing`.execute(ex);
    row = await read();
  }
  if (!row) return { entityType, first: 1, last: 0 };
  const code = Number(row.code);
  if (code >= SEARCH_TYPE_CODE_LIMIT) throw new Error(`search: at most ${SEARCH_TYPE_CODE_LIMIT - 1} entity types`);
  return { entityType, first: code * SEARCH_TYPE_UNIT, last: (code + 1) * SEARCH_TYPE_UNIT - 1 };
}

/** Each alternative query as its distinct normalised words; empty alternatives dropped. */
function parseAlternatives(query: string | readonly string[]): string[][] {
  const queries = typeof query === 'string' ? [query] : query;
  const seen = new Set<string>();
  const alternatives: string[][] = [];
  for (const text of queries) {
    const words = [...new Set(normalizeForSearch(text).split(' ').filter(Boolean))].sort();
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    alternatives.push(words);
  }
  return alternatives;
}

/**
 * How one alternative is answered. The most selective word (`driver`) goes through the token
 * index. Each other word either does too, when it is about as common (`indexed`), or is
 * looked for only in the texts of the driver's entities (`probed`): in `刘洋 宽带` only
 * 刘洋's entities are fetched and 宽带 is checked in their texts, instead of fetching every
 * entity that mentions 宽带.
 */
interface AlternativePlan {
  driver: string;
  indexed: string[];
  probed: string[];
}

/** A word is probed rather than looked up when the index offers this many times the driver's rows. */
const PROBE_RATIO = 3;

async function planAlternative(ex: Executor, dialect: DbDialect, scope: TypeScope, words: string[]): Promise<AlternativePlan> {
  if (words.length === 1) return { driver: words[0]!, indexed: [], probed: [] };
  const tokens = words.map(queryTokensOfNormalized);
  const estimates = await estimateCandidates(ex, dialect, scope, tokens);
  const ranked = words
    .map((word, index) => ({ word, tokens: tokens[index]!.length, estimate: estimates[index]! }))
    .sort((a, b) => a.estimate - b.estimate || b.tokens - a.tokens || b.word.length - a.word.length);
  const [driver, ...others] = ranked;
  const probe = (estimate: number) => estimate > driver!.estimate * PROBE_RATIO;
  return {
    driver: driver!.word,
    indexed: others.filter((other) => !probe(other.estimate)).map((other) => other.word),
    probed: others.filter((other) => probe(other.estimate)).map((other) => other.word),
  };
}

/**
 * Counting postings is cheap next to fetching rows (a few tens of ms per million); the cap
 * only bounds the cost for the very commonest tokens.
 */
const ESTIMATE_CAP = 500_000;

/**
 * For each word's tokens, about how many index rows hold them all (only the order matters).
 * A word without tokens needs a scan: it never drives when another word can.
 */
async function estimateCandidates(ex: Executor, dialect: DbDialect, scope: TypeScope, tokensOfWords: string[][], cap = ESTIMATE_CAP): Promise<number[]> {
  if (dialect === 'sqlite') {
    return Promise.all(tokensOfWords.map((tokens) => (tokens.length === 0 ? Number.POSITIVE_INFINITY : countRows(ex, scope, tokens, cap))));
  }
  // PostgreSQL: the frequencies ANALYZE keeps for the most common tokens; a token not among
  // them is rarer than all of those. A word is at most as frequent as its rarest token.
  // (The planner's own estimate multiplies the tokens' frequencies as if independent, which
  // makes every long word look rare.)
  const stats = await sql<{ elements: string[] | null; frequencies: number[] | null }>`
    select cast(cast(most_common_elems as text) as text[]) as elements, most_common_elem_freqs as frequencies
    from pg_stats where schemaname = current_schema() and tablename = 'search_entry' and attname = 'tokens'`.execute(ex);
  const { elements, frequencies } = stats.rows[0] ?? { elements: null, frequencies: null };
  const frequencyOf = new Map((elements ?? []).map((element, index) => [element, Number(frequencies![index])]));
  const rare = frequencies && elements?.length ? Math.min(...frequencies.slice(0, elements.length).map(Number)) / 2 : 0;
  return tokensOfWords.map((tokens) =>
    tokens.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...tokens.map((token) => frequencyOf.get(token) ?? rare)),
  );
}

/** SQLite: index rows of this type holding all these tokens, counted up to `cap`. */
async function countRows(ex: Executor, scope: TypeScope, tokens: string[], cap: number): Promise<number> {
  const counted = await sql<{ count: number }>`
    select count(*) as count from (
      select 1 from search_fts where search_fts match ${ftsQuery(tokens)} and rowid between ${scope.first} and ${scope.last} limit ${cap})`.execute(ex);
  return Number(counted.rows[0]?.count ?? 0);
}

/**
 * `with …` CTEs ending in `matched(entity_id, score)`: per alternative, the (entity, field, word) hits
 * of its words (see AlternativePlan); an entity matches the alternative when every word is
 * found in one of its fields, and scores the best of its alternatives.
 */
function matchingEntities(dialect: DbDialect, scope: TypeScope, plans: AlternativePlan[], weights: Record<string, number>): RawBuilder<unknown> {
  const entityType = scope.entityType;
  const weight = weightOf(weights);
  const contains = (word: string) => (dialect === 'postgres' ? sql`strpos(content, ${word}) > 0` : sql`instr(content, ${word}) > 0`);
  const ctes: RawBuilder<unknown>[] = [];
  plans.forEach((plan, index) => {
    const driver = sql.ref(`driver_${index}`);
    const alternative = sql.ref(`alternative_${index}`);
    const wordCount = 1 + plan.indexed.length + plan.probed.length;
    // Read again for every probed word: computed once.
    const materialized = plan.probed.length > 0 ? sql`materialized` : sql``;
    ctes.push(sql`${driver} as ${materialized} (${wordHits(dialect, scope, plan.driver)})`);
    if (wordCount === 1) {
      ctes.push(sql`${alternative} as (select entity_id, sum(${weight}) as score from ${driver} group by entity_id)`);
      return;
    }
    const hits = [
      sql`select entity_id, field, 0 as word from ${driver}`,
      ...plan.indexed.map((word, position) => sql`select entity_id, field, ${sql.lit(1 + position)} as word from (${wordHits(dialect, scope, word)}) as indexed`),
      ...plan.probed.map(
        (word, position) => sql`
          select entity_id, field, ${sql.lit(1 + plan.indexed.length + position)} as word from search_entry
          where entity_type = ${entityType} and entity_id in (select entity_id from ${driver}) and ${contains(word)}`,
      ),
    ];
    ctes.push(sql`
      ${alternative} as (
        select entity_id, sum(${weight}) as score from (${sql.join(hits, sql` union all `)}) as found
        group by entity_id having count(distinct word) = ${sql.lit(wordCount)})`);
  });
  const alternatives = plans.map((_, index) => sql`select entity_id, score from ${sql.ref(`alternative_${index}`)}`);
  ctes.push(sql`matched as (select entity_id, max(score) as score from (${sql.join(alternatives, sql` union all `)}) as scored group by entity_id)`);
  return sql`with ${sql.join(ctes, sql`, `)}`;
}

/** (entity_id, field) of the rows of this entity type whose text contains the word. */
function wordHits(dialect: DbDialect, scope: TypeScope, word: string, sets: RawBuilder<unknown>[] = [], entityOnly = false): RawBuilder<unknown> {
  const entityType = scope.entityType;
  const tokens = queryTokensOfNormalized(word);
  const contains = (column: string) =>
    dialect === 'postgres' ? sql`strpos(${sql.ref(column)}, ${word}) > 0` : sql`instr(${sql.ref(column)}, ${word}) > 0`;
  if (tokens.length === 0) {
    // Nothing searchable in the word (`-`, `@`): no token narrows it down, only a scan of
    // this entity type's rows can answer exactly.
    return sql`select entity_id, field from search_entry where entity_type = ${entityType} and ${contains('content')}`;
  }
  // A word that is itself one token (`宽带`, `卡`, `5g`) is in every row holding that token:
  // the substring test would only read the text to confirm it.
  const confirmed = tokens.length === 1 && tokens[0] === word;
  if (dialect === 'postgres') {
    return sql`
      select entity_id, field from search_entry
      where tokens @> cast(${tokens} as text[]) and entity_type = ${entityType}${confirmed ? sql`` : sql` and ${contains('content')}`}`;
  }
  if (confirmed && sets.length === 0 && entityOnly) return entityRows(scope, tokens);
  // CROSS JOIN fixes the join order in SQLite: the index lookup drives, entries are fetched
  // by rowid. Left to itself the planner may walk every entry of the type and run the
  // full-text query once per entry.
  return sql`
    select e.entity_id, e.field
    from search_fts cross join search_entry e on e.id = search_fts.rowid
    where search_fts match ${ftsQuery(tokens)} and search_fts.rowid between ${scope.first} and ${scope.last}${sql.join(
      sets.map((set) => sql` and ${entityIdOf(sql.ref('search_fts.rowid'))} in (${set})`),
      sql``,
    )}${confirmed ? sql`` : sql` and ${contains('e.content')}`}`;
}

/** Tokens never contain `"` or white space, so quoting each one makes it a literal term. */
function ftsQuery(tokens: string[]): string {
  return tokens.map((token) => `"${token}"`).join(' AND ');
}

function weightOf(weights: Record<string, number>): RawBuilder<unknown> {
  const listed = Object.entries(weights);
  if (listed.length === 0) return sql`1`;
  const cases = listed.map(([field, weight]) => sql`when ${field} then ${sql.lit(weight)}`);
  return sql`case field ${sql.join(cases, sql` `)} else 1 end`;
}

/** For the page's entities, the fields whose text holds any of the words, heaviest first. */
async function matchedFields(
  ex: Executor,
  entityType: string,
  entityIds: number[],
  words: string[],
  weights: Record<string, number>,
): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  const rows = [];
  // In chunks: a page may be larger than the databases' limit on bound parameters.
  for (let start = 0; start < entityIds.length; start += 1000) {
    const chunk = entityIds.slice(start, start + 1000);
    rows.push(
      ...(await ex
        .selectFrom('search_entry')
        .select(['entity_id', 'field', 'content'])
        .where('entity_type', '=', entityType)
        .where('entity_id', 'in', chunk)
        .execute()),
    );
  }
  for (const row of rows) {
    if (!words.some((word) => row.content.includes(word))) continue;
    const id = Number(row.entity_id);
    result.set(id, [...(result.get(id) ?? []), row.field]);
  }
  const weightOfField = (field: string) => weights[field] ?? 1;
  for (const fields of result.values()) fields.sort((a, b) => weightOfField(b) - weightOfField(a) || a.localeCompare(b));
  return result;
}

/**
 * How {@link searchRepository.plan} streams one alternative's matches. The rarest word
 * (`driver`) is read from the token index. Each other word is either an entity set read from
 * the index too (SQLite, when reading its rows costs less than probing the texts of every
 * driver row: `sets`), or looked for in the texts of the driver's entities (`probed`). Words
 * their tokens do not prove are checked in the texts last (`checked`).
 */
interface StreamPlan {
  driver: string;
  estimate: number;
  sets: string[];
  probed: string[];
  checked: string[];
}

/** Reading one row id into an entity set costs about this much less than probing one entity's texts. */
const SET_TO_PROBE_COST = 30;
/** No entity set is built from more index rows than this. */
const SET_LIMIT = 250_000;

async function streamPlan(ex: Executor, dialect: DbDialect, scope: TypeScope, words: string[]): Promise<StreamPlan> {
  // Rarest-looking first (most tokens, longest): among equal counts it drives.
  const candidates = words
    .map((word) => ({ word, tokens: queryTokensOfNormalized(word) }))
    .sort((a, b) => b.tokens.length - a.tokens.length || b.word.length - a.word.length || a.word.localeCompare(b.word));
  const rarest = (counts: number[]) => counts.reduce((best, count, index) => (count < counts[best]! ? index : best), 0);
  if (dialect === 'postgres') {
    const frequencies = await estimateCandidates(ex, dialect, scope, candidates.map((candidate) => candidate.tokens));
    const stats = await sql<{ rows: number }>`select greatest(reltuples, 0) as rows from pg_class where oid = to_regclass('search_entry')`.execute(ex);
    const rows = Number(stats.rows[0]?.rows ?? 0) || 1;
    const index = rarest(frequencies);
    const estimate = Number.isFinite(frequencies[index]!) ? Math.round(frequencies[index]! * rows) : PLAN_ESTIMATE_CAP;
    return { driver: candidates[index]!.word, estimate, sets: [], probed: candidates.filter((_, other) => other !== index).map((c) => c.word), checked: [] };
  }
  const counts = await Promise.all(
    candidates.map((candidate) => (candidate.tokens.length === 0 ? Number.POSITIVE_INFINITY : countRows(ex, scope, candidate.tokens, PLAN_ESTIMATE_CAP))),
  );
  const index = rarest(counts);
  const driver = candidates[index]!;
  const estimate = counts[index]!;
  const plan: StreamPlan = { driver: driver.word, estimate: Number.isFinite(estimate) ? estimate : PLAN_ESTIMATE_CAP, sets: [], probed: [], checked: [] };
  // A common driver only feeds counts that stop early: probing its first rows is cheapest.
  const affordable = estimate < PLAN_ESTIMATE_CAP ? Math.min(SET_LIMIT, estimate * SET_TO_PROBE_COST) : 0;
  for (const [position, other] of candidates.entries()) {
    if (position === index) continue;
    let count = counts[position]!;
    if (other.tokens.length > 0 && count >= PLAN_ESTIMATE_CAP && affordable > PLAN_ESTIMATE_CAP) count = await countRows(ex, scope, other.tokens, affordable);
    if (other.tokens.length > 0 && count < affordable) {
      plan.sets.push(other.word);
      if (!isConfirmed(other.word, other.tokens)) plan.checked.push(other.word);
    } else {
      plan.probed.push(other.word);
    }
  }
  return plan;
}

/** A word that is itself its one token is in every row holding the token: no text to check. */
function isConfirmed(word: string, tokens: string[]): boolean {
  return tokens.length === 1 && tokens[0] === word;
}

/** Rows `(entity_id)` of one alternative's matching entities (see StreamPlan). */
function alternativeStream(dialect: DbDialect, scope: TypeScope, plan: StreamPlan): RawBuilder<unknown> {
  const entityId = sql.ref('hits.entity_id');
  // The sets filter the driver's index rows before any entry is read; the driver's own text
  // is checked in the one entry that holds its tokens.
  const sets = plan.sets.map((word) => entityRows(scope, queryTokensOfNormalized(word)));
  const hits = sql`select entity_id from (${wordHits(dialect, scope, plan.driver, sets, true)}) as verified`;
  const probes = [...plan.checked, ...plan.probed].map((word) => entityHolds(dialect, scope.entityType, entityId, word));
  if (probes.length === 0) return sql`select entity_id from (${hits}) as hits`;
  return sql`select entity_id from (${hits}) as hits where ${sql.join(probes, sql` and `)}`;
}

/**
 * Rows `(entity_id)` of entities holding the tokens of every word of one alternative (SQLite:
 * from the index alone); PostgreSQL: the matches.
 */
function candidateStream(dialect: DbDialect, scope: TypeScope, plan: StreamPlan): RawBuilder<unknown> {
  const driverTokens = queryTokensOfNormalized(plan.driver);
  if (dialect !== 'sqlite' || driverTokens.length === 0) return alternativeStream(dialect, scope, plan);
  const sets = plan.sets.map((word) => sql` and ${entityIdOf(sql.ref('search_fts.rowid'))} in (${entityRows(scope, queryTokensOfNormalized(word))})`);
  return sql`${entityRows(scope, driverTokens)}${sql.join(sets, sql``)}`;
}

/** SQLite: the entity id of every index row of this type holding all these tokens (read from the row id). */
function entityRows(scope: TypeScope, tokens: string[]): RawBuilder<unknown> {
  return sql`
    select ${entityIdOf(sql.ref('search_fts.rowid'))} as entity_id from search_fts
    where search_fts match ${ftsQuery(tokens)} and search_fts.rowid between ${scope.first} and ${scope.last}`;
}

/** Whether some field of the entity with this id holds the word (an index seek on the entity's rows). */
function entityHolds(dialect: DbDialect, entityType: string, entityId: RawBuilder<unknown>, word: string): RawBuilder<SqlBool> {
  const contains = dialect === 'postgres' ? sql`strpos(s.content, ${word}) > 0` : sql`instr(s.content, ${word}) > 0`;
  // `limit 1` keeps it a correlated probe per row: without it SQLite may turn a second EXISTS
  // into a join and first build a Bloom filter over every entry of the table.
  return sql<SqlBool>`exists (select 1 from search_entry s where s.entity_type = ${entityType} and s.entity_id = ${entityId} and ${contains} limit 1)`;
}

/** Score of each matching entity among these (see {@link SearchHit.score}). */
async function scoresOf(
  ex: Executor,
  dialect: DbDialect,
  entityType: string,
  entityIds: readonly number[],
  alternatives: string[][],
  words: string[],
  weights: Record<string, number>,
): Promise<Map<number, number>> {
  const scores = new Map<number, number>();
  if (entityIds.length === 0) return scores;
  const weight = weightOf(weights);
  const contains = (word: string) => (dialect === 'postgres' ? sql`strpos(content, ${word}) > 0` : sql`instr(content, ${word}) > 0`);
  // Per word: whether any field holds it, and the summed weight of the fields that do.
  const columns = words.flatMap((word, index) => [
    sql`max(case when ${contains(word)} then 1 else 0 end) as ${sql.ref(`h${index}`)}`,
    sql`sum(case when ${contains(word)} then ${weight} else 0 end) as ${sql.ref(`s${index}`)}`,
  ]);
  const idList = dialect === 'postgres' ? sql`any(cast(${[...entityIds]} as integer[]))` : sql`(select value from json_each(${JSON.stringify(entityIds)}))`;
  const rows = await sql<Record<string, number>>`
    select entity_id, ${sql.join(columns, sql`, `)} from search_entry
    where entity_type = ${entityType} and entity_id ${dialect === 'postgres' ? sql`=` : sql`in`} ${idList}
    group by entity_id`.execute(ex);
  for (const row of rows.rows) {
    let best: number | undefined;
    for (const alternative of alternatives) {
      const indexes = alternative.map((word) => words.indexOf(word));
      if (!indexes.every((index) => Number(row[`h${index}`]) === 1)) continue;
      const score = indexes.reduce((sum, index) => sum + Number(row[`s${index}`]), 0);
      best = best === undefined ? score : Math.max(best, score);
    }
    if (best !== undefined) scores.set(Number(row.entity_id), best);
  }
  return scores;
}

/** Given `(entity_id, score)` pairs as a subquery of rows (no rows: an empty subquery). */
function scoredRows(dialect: DbDialect, scores: Map<number, number>): RawBuilder<SearchMatchRow> {
  const ids = [...scores.keys()];
  const values = ids.map((id) => scores.get(id)!);
  if (dialect === 'postgres') {
    return sql<SearchMatchRow>`(select entity_id, score from unnest(cast(${ids} as integer[]), cast(${values} as double precision[])) as given (entity_id, score))`;
  }
  const rows = JSON.stringify(ids.map((id, index) => [id, values[index]]));
  return sql<SearchMatchRow>`(select cast(value ->> 0 as integer) as entity_id, cast(value ->> 1 as real) as score from json_each(${rows}))`;
}

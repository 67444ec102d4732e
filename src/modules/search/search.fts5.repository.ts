import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import { pageThroughTiers, type IndexHit, type IndexQuery, type SearchIndex } from './search.tiers';
import { term, terms, SEARCH_LANGS } from './search.text';

/**
 * An FTS5 query: every word must match, read as French or as English (stop words of that
 * language left out). Terms are letters and digits only (search.text): quoting is enough.
 */
export function matchExpression(words: string[]): string | undefined {
  const groups = new Set<string>();
  for (const lang of SEARCH_LANGS) {
    const ts = [...new Set(words.map((w) => term(w, lang)).filter(Boolean))];
    if (ts.length > 0) groups.add(`(${ts.map((t) => `"${t}"`).join(' AND ')})`);
  }
  return groups.size > 0 ? [...groups].join(' OR ') : undefined;
}

// The FTS5 rowid of an article is its rank key: the millisecond of publication times 2^11,
// plus the id's low bits (a 53-bit number until the year 2109). Walking an index's matches
// by descending rowid is then walking them newest first, and "visible now" and the date
// filters are rowid ranges the index applies itself.
const ID_SPAN = 2 ** 11;
const LAST_MS = Math.floor(Number.MAX_SAFE_INTEGER / ID_SPAN) - 1;
const keyOf = (iso: string, id = 0) => Math.min(Date.parse(iso), LAST_MS) * ID_SPAN + (id % ID_SPAN);

// The ranking tiers (search.index), each excluding the one before: every word in the
// title; in title and summary; in those and the tags and section (the three of them in
// search_headline, small documents); anywhere (search_index, with the bodies).
type Table = 'search_headline' | 'search_index';
function tiers(e: string): { table: Table; expr: string }[] {
  const within = (cols: string) => `${cols} : (${e})`;
  return [
    { table: 'search_headline', expr: within('{title}') },
    { table: 'search_headline', expr: `${within('{title summary}')} NOT ${within('{title}')}` },
    { table: 'search_headline', expr: `(${e}) NOT ${within('{title summary}')}` },
    { table: 'search_index', expr: `(${e}) NOT ${within('{title summary extra}')}` },
  ];
}

function conditions(table: Table, expr: string, q: IndexQuery): RawBuilder<unknown> {
  const rowid = sql.ref(`${table}.rowid`);
  const parts = [sql`${sql.table(table)} match ${expr}`, sql`${rowid} < ${keyOf(q.now) + ID_SPAN}`];
  if (q.from !== undefined) parts.push(sql`${rowid} >= ${keyOf(q.from)}`);
  if (q.before !== undefined) parts.push(sql`${rowid} < ${keyOf(q.before)}`);
  if (q.sectionId !== undefined) parts.push(sql`search_meta.section_id = ${q.sectionId}`);
  return sql.join(parts, sql` and `);
}

/**
 * The document's own key, or when another document holds it (the same millisecond, ids that
 * share their low 11 bits) a free one just after: past the last key taken in that
 * millisecond's span, or in the next span whose last key is free. A query per span looked
 * at, whatever the number of documents of that millisecond (an import of thousands of posts
 * dated alike took one query per key taken before, a few thousand per post).
 */
async function freeKey(db: Kysely<Database>, key: number): Promise<number> {
  if ((await sql`select 1 from search_meta where rank_key = ${key}`.execute(db)).rows.length === 0) return key;
  for (let from = key; ; ) {
    const end = (Math.floor(from / ID_SPAN) + 1) * ID_SPAN;
    const last = await sql<{ k: number }>`select rank_key as k from search_meta where rank_key >= ${from} and rank_key < ${end} order by rank_key desc limit 1`.execute(db);
    const k = last.rows[0]?.k;
    if (k === undefined) return from;
    if (k + 1 < end) return k + 1;
    from = end;
  }
}

type KeyedHit = Omit<IndexHit, 'plain'> & { key: number };

async function tierRows(db: Kysely<Database>, table: Table, expr: string, q: IndexQuery, limit: number, offset: number): Promise<KeyedHit[]> {
  // CROSS JOIN keeps the FTS5 table as the outer loop, so its rowid order is the output order
  // and SQLite stops after `limit` rows instead of sorting every match.
  const r = await sql<KeyedHit>`
    select search_meta.article_id as id, search_meta.rank_key as key, search_meta.slug, search_meta.title, search_meta.lang,
      search_meta.publish_at as publishAt, search_meta.section_id as sectionId
    from ${sql.table(table)} cross join search_meta on search_meta.rank_key = ${sql.ref(`${table}.rowid`)}
    where ${conditions(table, expr, q)}
    order by ${sql.ref(`${table}.rowid`)} desc
    limit ${limit} offset ${offset}`.execute(db);
  return r.rows;
}

async function tierCount(db: Kysely<Database>, table: Table, expr: string, q: IndexQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*) as n from ${sql.table(table)} cross join search_meta on search_meta.rank_key = ${sql.ref(`${table}.rowid`)}
    where ${conditions(table, expr, q)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** SQLite: an FTS5 table of pre-stemmed, accent-free terms whose rowid orders by publication. */
export const fts5Index: SearchIndex = {
  async upsert(db, doc) {
    await this.remove(db, doc.articleId);
    const key = await freeKey(db, keyOf(doc.publishAt, doc.articleId));
    await sql`insert into search_meta (rank_key, article_id, section_id, slug, title, lang, publish_at)
      values (${key}, ${doc.articleId}, ${doc.sectionId}, ${doc.slug}, ${doc.title}, ${doc.articleLang}, ${doc.publishAt})`.execute(db);
    const [title, summary, extra] = [terms(doc.title, doc.lang), terms(doc.summary, doc.lang), terms(doc.extra, doc.lang)];
    await sql`insert into search_index (rowid, title, summary, body, extra, plain) values (
      ${key}, ${title}, ${summary}, ${terms(doc.body, doc.lang)}, ${extra}, ${doc.plain})`.execute(db);
    await sql`insert into search_headline (rowid, title, summary, extra) values (${key}, ${title}, ${summary}, ${extra})`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from search_index where rowid in (select rank_key from search_meta where article_id = ${articleId})`.execute(db);
    await sql`delete from search_headline where rowid in (select rank_key from search_meta where article_id = ${articleId})`.execute(db);
    await sql`delete from search_meta where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_index`.execute(db);
    await sql`delete from search_headline`.execute(db);
    await sql`delete from search_meta`.execute(db);
  },
  async rebuilt() {
    // FTS5 walks its own rowid order: no plan depends on statistics.
  },
  async query(db, q) {
    const expr = matchExpression(q.words);
    if (expr === undefined) return [];
    const found = await pageThroughTiers(
      tiers(expr).map(({ table, expr: e }) => ({
        count: () => tierCount(db, table, e, q),
        rows: (limit: number, offset: number) => tierRows(db, table, e, q, limit, offset),
      })),
      q.offset,
      q.limit,
    );
    if (found.length === 0) return [];
    const texts = await sql<{ key: number; plain: string }>`
      select rowid as key, plain from search_index where rowid in (${sql.join(found.map((f) => f.key))})`.execute(db);
    const plain = new Map(texts.rows.map((r) => [r.key, r.plain]));
    return found.map(({ key, ...hit }) => ({ ...hit, plain: plain.get(key) ?? '' }));
  },
};

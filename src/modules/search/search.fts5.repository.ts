import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { IndexHit, IndexQuery, SearchIndex } from './search.index';
import { term, terms, type SearchLang, SEARCH_LANGS } from './search.text';

/**
 * An FTS5 query: every word must match, read as French or as English. Terms are
 * letters and digits only (search.text), so quoting them is enough.
 */
export function matchExpression(words: string[]): string | undefined {
  if (words.length === 0) return undefined;
  const groups = new Set(SEARCH_LANGS.map((lang: SearchLang) => `(${[...new Set(words.map((w) => `"${term(w, lang)}"`))].join(' AND ')})`));
  return [...groups].join(' OR ');
}

// The FTS5 rowid of an article is its rank key: the second of publication (rounded up, so
// an article is never found before its time) times 2^20, plus the id's low bits. Walking
// an index's matches by descending rowid is then walking them newest first, and "visible
// now" and the date filters are rowid ranges the index applies itself.
const ID_SPAN = 2 ** 20;
const keyOf = (iso: string, id = 0) => Math.ceil(Date.parse(iso) / 1000) * ID_SPAN + (id % ID_SPAN);

// The ranking tiers (search.index): all words in the title; else in title and summary;
// else in those and the tags and section; else anywhere. Each tier excludes the one before.
const WITHIN = ['{title}', '{title summary}', '{title summary extra}'];
function tierExpression(e: string, tier: number): string {
  const within = (cols: string | undefined) => `${cols ?? ''} : (${e})`;
  if (tier === 0) return within(WITHIN[0]);
  if (tier < WITHIN.length) return `${within(WITHIN[tier])} NOT ${within(WITHIN[tier - 1])}`;
  return `(${e}) NOT ${within(WITHIN[WITHIN.length - 1])}`;
}

function conditions(expr: string, q: IndexQuery): RawBuilder<unknown> {
  const parts = [sql`search_index match ${expr}`, sql`search_index.rowid <= ${keyOf(q.now) + ID_SPAN - 1}`];
  if (q.from !== undefined) parts.push(sql`search_index.rowid >= ${keyOf(q.from)}`);
  if (q.before !== undefined) parts.push(sql`search_index.rowid < ${keyOf(q.before)}`);
  if (q.sectionId !== undefined) parts.push(sql`search_meta.section_id = ${q.sectionId}`);
  return sql.join(parts, sql` and `);
}

async function tierRows(db: Kysely<Database>, expr: string, q: IndexQuery, limit: number, offset: number): Promise<IndexHit[]> {
  // CROSS JOIN keeps the FTS5 table as the outer loop, so its rowid order is the output order
  // and SQLite stops after `limit` rows instead of sorting every match.
  const r = await sql<IndexHit>`
    select search_meta.article_id as id, search_index.plain as plain
    from search_index cross join search_meta on search_meta.rank_key = search_index.rowid
    where ${conditions(expr, q)}
    order by search_index.rowid desc
    limit ${limit} offset ${offset}`.execute(db);
  return r.rows;
}

async function tierCount(db: Kysely<Database>, expr: string, q: IndexQuery): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*) as n from search_index cross join search_meta on search_meta.rank_key = search_index.rowid
    where ${conditions(expr, q)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** SQLite: an FTS5 table of pre-stemmed, accent-free terms whose rowid orders by publication. */
export const fts5Index: SearchIndex = {
  async upsert(db, doc) {
    await this.remove(db, doc.articleId);
    // Two articles of the same second whose ids share their low 20 bits: the later one takes the next key.
    let key = keyOf(doc.publishAt, doc.articleId);
    while ((await sql`select 1 from search_meta where rank_key = ${key}`.execute(db)).rows.length > 0) key += 1;
    await sql`insert into search_meta (rank_key, article_id, section_id) values (${key}, ${doc.articleId}, ${doc.sectionId})`.execute(db);
    await sql`insert into search_index (rowid, title, summary, body, extra, plain) values (
      ${key}, ${terms(doc.title, doc.lang)}, ${terms(doc.summary, doc.lang)}, ${terms(doc.body, doc.lang)},
      ${terms(doc.extra, doc.lang)}, ${doc.plain})`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from search_index where rowid in (select rank_key from search_meta where article_id = ${articleId})`.execute(db);
    await sql`delete from search_meta where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_index`.execute(db);
    await sql`delete from search_meta`.execute(db);
  },
  async query(db, q) {
    const expr = matchExpression(q.words);
    if (expr === undefined) return [];
    // Tier by tier, newest first: a page reads about `limit` matches of each tier it
    // reaches; only a later page counts the earlier tiers to skip them.
    const out: IndexHit[] = [];
    let skip = q.offset;
    for (let tier = 0; tier <= WITHIN.length && out.length < q.limit; tier++) {
      const e = tierExpression(expr, tier);
      if (skip > 0) {
        const n = await tierCount(db, e, q);
        if (n <= skip) {
          skip -= n;
          continue;
        }
      }
      out.push(...(await tierRows(db, e, q, q.limit - out.length, skip)));
      skip = 0;
    }
    return out;
  },
};

import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * PostgreSQL search (issue 12, docs/performance.md « Search »): `publish_at` back in the row,
 * and a GIN index per headline tier.
 *
 * - `publish_at` was out of line. 0014's `toast_tuple_target = 128` made the toaster move
 *   every EXTENDED column out while a row stayed above 128 bytes, and with `headline` kept in
 *   the row (~280 bytes) it did not stop at `plain` and `document`: the 24-byte date went to
 *   the TOAST table too. Every read of it from the heap cost ~4 buffers, and every comparison
 *   of a sort detoasted it again (« inondations » by its 548 titles: 517 heap pages, then
 *   ~8,800 buffers in the sort). Storage PLAIN keeps it in the row; settings apply to rows as
 *   they are written, hence the copy into a new table, as 0014 did.
 * - The title tiers asked `headline @@ 'word:A'` (title) and `'word:AB'` (title or summary).
 *   A GIN index holds no weights: it returned every headline with the word anywhere and the
 *   heap rechecked the weight, and the planner, which ignores weights too, costed the title
 *   tier as if every headline match were a title match. It walked `search_index_recent`
 *   newest first and threw away thousands of rows (« Wagner »: 8,933). The title and the
 *   title-and-summary vectors, `ts_filter(headline, '{a}')` and `ts_filter(headline, '{a,b}')`,
 *   get their own GIN indexes: exact matches (the query has no weights), and ANALYZE keeps
 *   statistics on each expression. No column is added: the heap stays narrow.
 *
 * SQLite (FTS5) needs nothing: its `search_headline` table already answers these tiers.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  if (d.fullText !== 'tsvector') return;
  await sql`alter table search_index rename to search_index_0014`.execute(db);
  await sql`alter index search_index_pkey rename to search_index_0014_pkey`.execute(db);
  for (const index of ['search_index_headline', 'search_index_document', 'search_index_recent', 'search_index_section_recent']) {
    await sql`drop index ${sql.ref(index)}`.execute(db);
  }
  await sql`create table search_index (
    article_id integer primary key references articles(id) on delete cascade,
    headline tsvector not null,
    document tsvector not null,
    plain text not null,
    publish_at text not null,
    section_id integer
  ) with (toast_tuple_target = 128, parallel_workers = 0)`.execute(db);
  await sql`alter table search_index alter column headline set storage main, alter column publish_at set storage plain,
    alter column headline set statistics 1000, alter column document set statistics 1000`.execute(db);
  await sql`insert into search_index (article_id, headline, document, plain, publish_at, section_id)
    select article_id, headline, document, plain, publish_at, section_id from search_index_0014
    order by publish_at, article_id`.execute(db);
  await sql`drop table search_index_0014`.execute(db);
  await sql`create index search_index_headline on search_index using gin (headline) with (fastupdate = off)`.execute(db);
  await sql`create index search_index_document on search_index using gin (document) with (fastupdate = off)`.execute(db);
  for (const [name, weights] of [
    ['search_index_title', '{a}'],
    ['search_index_lead', '{a,b}'],
  ] as const) {
    await sql`create index ${sql.ref(name)} on search_index using gin (ts_filter(headline, ${sql.lit(weights)})) with (fastupdate = off)`.execute(db);
    // As 0014 did for the columns: many lexemes' worth, so a rare word is costed as rare.
    await sql`alter index ${sql.ref(name)} alter column 1 set statistics 1000`.execute(db);
  }
  await sql`create index search_index_recent on search_index (publish_at desc, article_id desc)`.execute(db);
  await sql`create index search_index_section_recent on search_index (section_id, publish_at desc, article_id desc)`.execute(db);
  await sql`analyze search_index`.execute(db);
}

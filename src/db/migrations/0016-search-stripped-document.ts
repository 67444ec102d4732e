import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * PostgreSQL search (issue 12, docs/performance.md « Search »): `search_index.document` stripped
 * of positions and weights (`strip()`) and kept in the row (storage MAIN).
 *
 * Only the fourth ranking tier reads `document` (every word anywhere: no weights, no phrase), and
 * its GIN index holds neither. Out of line (0014's `toast_tuple_target = 128` moved it to the
 * TOAST table), every row a walk newest first passed cost a TOAST index lookup and its chunks,
 * ~3 buffers a row (« festival musique »: 3,363 rows, 10,245 buffers). Stripped (~1,600 bytes
 * instead of ~2,500) it stays in the row: MAIN is moved out only past ~8 kB. The heap is wider
 * (about 4 rows a page instead of 25), the TOAST table narrower; `plain` stays out of line and
 * `headline` keeps its weights.
 *
 * Storage applies to rows as they are written, hence the copy into a new table, in date order,
 * as 0015 did (an UPDATE then CLUSTER, tried on the bench's data, left a table 2.5 times larger).
 *
 * SQLite (FTS5) needs nothing.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  if (d.fullText !== 'tsvector') return;
  await sql`alter table search_index rename to search_index_0015`.execute(db);
  await sql`alter index search_index_pkey rename to search_index_0015_pkey`.execute(db);
  const indexes = ['search_index_headline', 'search_index_document', 'search_index_title', 'search_index_lead', 'search_index_recent', 'search_index_section_recent'];
  for (const index of indexes) await sql`drop index ${sql.ref(index)}`.execute(db);
  await sql`create table search_index (
    article_id integer primary key references articles(id) on delete cascade,
    headline tsvector not null,
    document tsvector not null,
    plain text not null,
    publish_at text not null,
    section_id integer
  ) with (toast_tuple_target = 128, parallel_workers = 0)`.execute(db);
  await sql`alter table search_index alter column headline set storage main, alter column document set storage main,
    alter column publish_at set storage plain, alter column headline set statistics 1000, alter column document set statistics 1000`.execute(db);
  await sql`insert into search_index (article_id, headline, document, plain, publish_at, section_id)
    select article_id, headline, strip(document), plain, publish_at, section_id from search_index_0015
    order by publish_at, article_id`.execute(db);
  await sql`drop table search_index_0015`.execute(db);
  await sql`create index search_index_headline on search_index using gin (headline) with (fastupdate = off)`.execute(db);
  await sql`create index search_index_document on search_index using gin (document) with (fastupdate = off)`.execute(db);
  for (const [name, weights] of [
    ['search_index_title', '{a}'],
    ['search_index_lead', '{a,b}'],
  ] as const) {
    await sql`create index ${sql.ref(name)} on search_index using gin (ts_filter(headline, ${sql.lit(weights)})) with (fastupdate = off)`.execute(db);
    await sql`alter index ${sql.ref(name)} alter column 1 set statistics 1000`.execute(db);
  }
  await sql`create index search_index_recent on search_index (publish_at desc, article_id desc)`.execute(db);
  await sql`create index search_index_section_recent on search_index (section_id, publish_at desc, article_id desc)`.execute(db);
  await sql`analyze search_index`.execute(db);
}

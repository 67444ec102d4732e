import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * PostgreSQL search plans (issue 12): `search_index` rebuilt narrow, and a search is one
 * statement whose tiers are the branches of one Append under one LIMIT
 * (search.tsvector.repository). Measured on the 100,000-article bench (docs/performance.md).
 *
 * - a narrow heap: `toast_tuple_target = 128` moves `plain` and `document` out of line
 *   (`headline`, storage MAIN, stays in the row). A tier read newest first, or a bitmap of
 *   headline matches, then reads ~20 rows a page instead of ~3: 36 MB of heap for 100,000
 *   articles instead of ~260 MB, which fits in shared buffers. Settings apply to rows as
 *   they are written, hence the copy into a new table.
 * - statistics on 1,000 lexemes' worth (`set statistics 1000`): with the default, a word
 *   missing from the most-common list was costed as if in 0.5 % of articles, so the planner
 *   walked every article newest first looking for a word found in none.
 * - `parallel_workers = 0`: a Parallel Append would interleave the tiers' rows; the ranking
 *   relies on the branches running one after the other.
 * - GIN `fastupdate` off: with it on, new entries wait in a pending list that every search
 *   reads in full until a vacuum merges it (up to 4 MB after a reindex).
 * - a (section, date) index, so a search within a section walks that section newest first.
 *
 * SQLite (FTS5) needs nothing: its rowid is already the rank key.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  if (d.fullText !== 'tsvector') return;
  await sql`alter table search_index rename to search_index_0004`.execute(db);
  await sql`alter index search_index_pkey rename to search_index_0004_pkey`.execute(db);
  for (const index of ['search_index_headline', 'search_index_document', 'search_index_recent']) {
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
  await sql`alter table search_index alter column headline set storage main,
    alter column headline set statistics 1000, alter column document set statistics 1000`.execute(db);
  await sql`insert into search_index (article_id, headline, document, plain, publish_at, section_id)
    select article_id, headline, document, plain, publish_at, section_id from search_index_0004
    order by publish_at, article_id`.execute(db);
  await sql`drop table search_index_0004`.execute(db);
  await sql`create index search_index_headline on search_index using gin (headline) with (fastupdate = off)`.execute(db);
  await sql`create index search_index_document on search_index using gin (document) with (fastupdate = off)`.execute(db);
  await sql`create index search_index_recent on search_index (publish_at desc, article_id desc)`.execute(db);
  await sql`create index search_index_section_recent on search_index (section_id, publish_at desc, article_id desc)`.execute(db);
  await sql`analyze search_index`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Search (issue 12, docs/performance.md « Search »): the index holds what a result shows — the
 * article's slug, title and language (its date and section it held already) — so that a search
 * reads its 20 results, snippet texts included, in the index query itself: no read of
 * `articles`, its tags and its authors after it (three more statements, half of a search's
 * median on the 100,000-article bench on PostgreSQL). The section's name and slug are not
 * copied (a section is renamed without its articles being saved): the service reads them.
 *
 * PostgreSQL: `search_index` copied into a new table as 0014–0016 did (storage applies to rows as
 * they are written; an UPDATE of every row would leave a table twice the size). The new columns
 * are stored MAIN (PLAIN for the date): with `toast_tuple_target = 128` an EXTENDED column of a
 * few tens of bytes goes to the TOAST table (see 0015), a lookup more for every result.
 * SQLite: the same columns on `search_meta`, filled from `articles`.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  if (d.fullText === 'fts5') {
    for (const column of ['slug', 'title', 'lang', 'publish_at']) {
      await sql`alter table search_meta add column ${sql.ref(column)} text not null default ''`.execute(db);
    }
    await sql`update search_meta set (slug, title, lang, publish_at) =
      (select a.slug, a.title, a.lang, coalesce(a.publish_at, a.created_at) from articles a where a.id = search_meta.article_id)
      where exists (select 1 from articles a where a.id = search_meta.article_id)`.execute(db);
    return;
  }
  await sql`alter table search_index rename to search_index_0016`.execute(db);
  await sql`alter index search_index_pkey rename to search_index_0016_pkey`.execute(db);
  const indexes = ['search_index_headline', 'search_index_document', 'search_index_title', 'search_index_lead', 'search_index_recent', 'search_index_section_recent'];
  for (const index of indexes) await sql`drop index ${sql.ref(index)}`.execute(db);
  await sql`create table search_index (
    article_id integer primary key references articles(id) on delete cascade,
    headline tsvector not null,
    document tsvector not null,
    plain text not null,
    publish_at text not null,
    section_id integer,
    slug text not null,
    title text not null,
    lang text not null
  ) with (toast_tuple_target = 128, parallel_workers = 0)`.execute(db);
  await sql`alter table search_index alter column headline set storage main, alter column document set storage main,
    alter column publish_at set storage plain, alter column slug set storage main, alter column title set storage main,
    alter column lang set storage main, alter column headline set statistics 1000, alter column document set statistics 1000`.execute(db);
  await sql`insert into search_index (article_id, headline, document, plain, publish_at, section_id, slug, title, lang)
    select s.article_id, s.headline, s.document, s.plain, s.publish_at, s.section_id, a.slug, a.title, a.lang
    from search_index_0016 s join articles a on a.id = s.article_id
    order by s.publish_at, s.article_id`.execute(db);
  await sql`drop table search_index_0016`.execute(db);
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

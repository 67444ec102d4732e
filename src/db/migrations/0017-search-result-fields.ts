import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Search (issue 12, docs/performance.md « Search »): the index holds what a result shows — the
 * article's slug, title and language (its date and section it held already) — so that a search
 * reads its 20 results, snippet texts included, in its index query: no read of `articles`, their
 * tags and authors after it (three more statements, half of a search's median on the
 * 100,000-article bench on PostgreSQL). The section's name and slug are not copied (a section is
 * renamed without its articles being saved): the service reads them.
 *
 * PostgreSQL: a narrow table of its own, `search_results`, read by primary key for the page's
 * rows only: `search_index`, which the tiers walk row by row, stays as narrow as it was, and is
 * not copied again (its GIN indexes rebuilt) for three small columns. Filled in batches: each
 * statement stays far from the statement timeout on a large site, whatever the load.
 * SQLite: the same columns and the date on `search_meta`, filled from `articles`.
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
  await sql`create table search_results (
    article_id integer primary key references articles(id) on delete cascade,
    slug text not null,
    title text not null,
    lang text not null
  )`.execute(db);
  for (let after = 0; ; ) {
    const r = await sql<{ last: number | null }>`with batch as (
        insert into search_results (article_id, slug, title, lang)
        select a.id, a.slug, a.title, a.lang from articles a
        where a.id > ${after} and a.id in (select article_id from search_index where article_id > ${after})
        order by a.id limit 20000
        returning article_id)
      select max(article_id) as last from batch`.execute(db);
    const last = r.rows[0]?.last;
    if (last === null || last === undefined) break;
    after = last;
  }
  await sql`analyze search_results`.execute(db);
}

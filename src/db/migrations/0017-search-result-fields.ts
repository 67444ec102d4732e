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
 *
 * PostgreSQL also: the default statistics (100: 1,000 lexemes, down from 0014–0015's 1,000:
 * 10,000) for the headline and the title and title-and-summary expressions. The planner reads a
 * lexeme's frequency from them for every search, and unpacking 10,000 lexemes cost ~0.85 ms of
 * planning each time (load average 5), ~0.1 ms with 1,000; a title lexeme missing from 1,000 is
 * still costed as rare, so the plans stay (the bench's 33 queries: 15,311 buffers before,
 * 15,306 after). `document` keeps its 10,000: a body lexeme missing from 1,000 would be costed
 * as common enough for a walk newest first through every article for a word found in none (0014).
 *
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
  await sql`alter table search_index alter column headline set statistics -1`.execute(db);
  // The two expression indexes are built again (~2 s each for 98,000 articles) to drop their
  // target: ALTER INDEX … SET STATISTICS is not seen by an ANALYZE in the same transaction.
  for (const [name, weights] of [
    ['search_index_title', '{a}'],
    ['search_index_lead', '{a,b}'],
  ] as const) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)} on search_index using gin (ts_filter(headline, ${sql.lit(weights)})) with (fastupdate = off)`.execute(db);
  }
  await sql`analyze search_index`.execute(db);
  await sql`analyze search_results`.execute(db);
}

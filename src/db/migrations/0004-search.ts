import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * The full-text index of published articles (table `search_index`, one row per article).
 *
 * SQLite: an FTS5 table whose rowid orders articles by publication; the indexed columns hold words
 * already stemmed (Snowball, by the article's language) and stripped of accents by the
 * application, so the index never depends on an SQLite build's tokenizers.
 * PostgreSQL: a `tsvector` with weights (A title, B summary, C tags and section, D body)
 * built with two text search configurations, `palabre_fr` and `palabre_en`, that pass
 * every word through `unaccent` then the french / english Snowball stemmer.
 * `plain` keeps the readable text the snippets are cut from; `publish_at` and `section_id`
 * (`search_meta` on SQLite) are what the filters read, so no search walks `articles`.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  if (d.fullText === 'fts5') {
    // rowid = rank_key, an order of publication (see search.fts5.repository): FTS5 walks
    // its matches newest first and stops at a page, whatever the number of matches. No
    // foreign key: removing a deleted article's row needs its rank_key after the delete.
    await sql`create virtual table search_index using fts5(title, summary, body, extra, plain unindexed, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    // The title, summary, tags and section alone: short documents, so the first three ranking
    // tiers are found without reading the bodies' position lists.
    await sql`create virtual table search_headline using fts5(title, summary, extra, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`create table search_meta (
      rank_key integer primary key,
      article_id integer not null unique,
      section_id integer
    )`.execute(db);
    return;
  }
  // CREATE EXTENSION IF NOT EXISTS is not safe against a concurrent twin (two schemas of
  // one database migrating at once both insert into pg_extension): serialize it.
  await sql`select pg_advisory_xact_lock(hashtext('palabre:create-extension-unaccent'))`.execute(db);
  await sql`create extension if not exists unaccent schema public`.execute(db);
  for (const [name, base, stem] of [
    ['palabre_fr', 'french', 'french_stem'],
    ['palabre_en', 'english', 'english_stem'],
  ] as const) {
    await sql.raw(`create text search configuration ${name} (copy = pg_catalog.${base})`).execute(db);
    await sql
      .raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word, asciihword, asciiword, hword_asciipart with public.unaccent, ${stem}`)
      .execute(db);
  }
  // `headline` (A title, B summary, C tags and section) answers the first three ranking
  // tiers from small vectors; `document` (the same and D body) the last one.
  await sql`create table search_index (
    article_id integer primary key references articles(id) on delete cascade,
    headline tsvector not null,
    document tsvector not null,
    plain text not null,
    publish_at text not null,
    section_id integer
  )`.execute(db);
  await sql`create index search_index_headline on search_index using gin (headline)`.execute(db);
  await sql`create index search_index_document on search_index using gin (document)`.execute(db);
  await sql`create index search_index_recent on search_index (publish_at desc, article_id desc)`.execute(db);
}

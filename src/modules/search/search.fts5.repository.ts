import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SearchIndex } from './search.index';
import { visibleFilters } from './search.repository';
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


/** SQLite: an FTS5 table of pre-stemmed, accent-free terms; bm25 with per-column weights. */
export const fts5Index: SearchIndex = {
  async upsert(db, doc) {
    await sql`delete from search_index where rowid = ${doc.articleId}`.execute(db);
    await sql`insert into search_index (rowid, title, summary, body, extra, plain) values (
      ${doc.articleId}, ${terms(doc.title, doc.lang)}, ${terms(doc.summary, doc.lang)}, ${terms(doc.body, doc.lang)},
      ${terms(doc.extra, doc.lang)}, ${doc.plain})`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from search_index where rowid = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_index`.execute(db);
  },
  async query(db: Kysely<Database>, q) {
    const expr = matchExpression(q.words);
    if (expr === undefined) return [];
    const r = await sql<{ id: number; plain: string }>`
      select articles.id as id, search_index.plain as plain
      from search_index join articles on articles.id = search_index.rowid
      where search_index match ${expr} and ${visibleFilters(q)}
      order by bm25(search_index, 10.0, 4.0, 1.0, 2.0, 0.0), articles.publish_at desc, articles.id desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return r.rows;
  },
};

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SearchIndex } from './search.index';
import { visibleFilters } from './search.repository';
import type { SearchLang } from './search.text';

/** Text search configurations of migration 0004: unaccent, then the language's Snowball stemmer. */
const CONFIG: Record<SearchLang, string> = { fr: 'palabre_fr', en: 'palabre_en' };


/** PostgreSQL: a weighted tsvector (A title, B summary, C tags and section, D body), GIN-indexed; ts_rank. */
export const tsvectorIndex: SearchIndex = {
  async upsert(db, doc) {
    const cfg = CONFIG[doc.lang];
    await sql`insert into search_index (article_id, document, plain) values (
      ${doc.articleId},
      setweight(to_tsvector(${cfg}::regconfig, ${doc.title}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${doc.summary}), 'B')
        || setweight(to_tsvector(${cfg}::regconfig, ${doc.extra}), 'C') || setweight(to_tsvector(${cfg}::regconfig, ${doc.body}), 'D'),
      ${doc.plain})
      on conflict (article_id) do update set document = excluded.document, plain = excluded.plain`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from search_index where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_index`.execute(db);
  },
  async query(db: Kysely<Database>, q) {
    if (q.words.length === 0) return [];
    const text = q.words.join(' ');
    // Every word must match, read as French or as English (the article's own language decided its stems).
    const r = await sql<{ id: number; plain: string }>`
      select articles.id as id, search_index.plain as plain
      from search_index join articles on articles.id = search_index.article_id,
        (select plainto_tsquery('palabre_fr', ${text}) || plainto_tsquery('palabre_en', ${text}) as q) as query
      where search_index.document @@ query.q and ${visibleFilters(q)}
      order by ts_rank(search_index.document, query.q) desc, articles.publish_at desc, articles.id desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return r.rows;
  },
};

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { IndexQuery, SearchIndex } from './search.index';
import type { SearchLang } from './search.text';

/** Text search configurations of migration 0004: unaccent, then the language's Snowball stemmer. */
const CONFIG: Record<SearchLang, string> = { fr: 'palabre_fr', en: 'palabre_en' };

// The ranking tiers (search.index) as tsvector weights: A title, B summary, C tags and section, D body.
const TIER_WEIGHTS = ['A', 'AB', 'ABC', ''] as const;

/**
 * Every word (letters and digits only, search.text) must match within the tier's weights,
 * read as French or as English: the article's own language decided its stems.
 */
function tierQuery(words: string[], weights: string): RawBuilder<unknown> {
  const text = words.map((w) => (weights ? `${w}:${weights}` : w)).join(' & ');
  return sql`(to_tsquery('palabre_fr', ${text}) || to_tsquery('palabre_en', ${text}))`;
}

function filters(q: IndexQuery): RawBuilder<unknown> {
  const parts = [sql`search_index.publish_at <= ${q.now}`];
  if (q.sectionId !== undefined) parts.push(sql`search_index.section_id = ${q.sectionId}`);
  if (q.from !== undefined) parts.push(sql`search_index.publish_at >= ${q.from}`);
  if (q.before !== undefined) parts.push(sql`search_index.publish_at < ${q.before}`);
  return sql.join(parts, sql` and `);
}

/** PostgreSQL: a weighted tsvector, GIN-indexed; the tier is the first weight set every word matches in. */
export const tsvectorIndex: SearchIndex = {
  async upsert(db, doc) {
    const cfg = CONFIG[doc.lang];
    await sql`insert into search_index (article_id, document, plain, publish_at, section_id) values (
      ${doc.articleId},
      setweight(to_tsvector(${cfg}::regconfig, ${doc.title}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${doc.summary}), 'B')
        || setweight(to_tsvector(${cfg}::regconfig, ${doc.extra}), 'C') || setweight(to_tsvector(${cfg}::regconfig, ${doc.body}), 'D'),
      ${doc.plain}, ${doc.publishAt}, ${doc.sectionId})
      on conflict (article_id) do update set document = excluded.document, plain = excluded.plain,
        publish_at = excluded.publish_at, section_id = excluded.section_id`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from search_index where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_index`.execute(db);
  },
  async query(db: Kysely<Database>, q) {
    if (q.words.length === 0) return [];
    const [t1, t2, t3, any] = TIER_WEIGHTS.map((w) => tierQuery(q.words, w));
    const r = await sql<{ id: number; plain: string }>`
      select search_index.article_id as id, search_index.plain as plain
      from search_index
      where search_index.document @@ ${any} and ${filters(q)}
      order by case when search_index.document @@ ${t1} then 0 when search_index.document @@ ${t2} then 1
        when search_index.document @@ ${t3} then 2 else 3 end,
        search_index.publish_at desc, search_index.article_id desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return r.rows;
  },
};

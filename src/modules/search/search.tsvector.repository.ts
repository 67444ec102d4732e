import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import { pageThroughTiers, type IndexHit, type IndexQuery, type SearchIndex } from './search.index';
import type { SearchLang } from './search.text';

/** Text search configurations of migration 0004: unaccent, then the language's Snowball stemmer. */
const CONFIG: Record<SearchLang, string> = { fr: 'palabre_fr', en: 'palabre_en' };

/**
 * Every word (letters and digits only, search.text) must match, within the given weights
 * (A title, B summary, C tags and section), read as French or as English: the article's
 * own language decided its stems.
 */
function tsquery(words: string[], weights: string): RawBuilder<unknown> {
  const text = words.map((w) => (weights ? `${w}:${weights}` : w)).join(' & ');
  return sql`(to_tsquery('palabre_fr', ${text}) || to_tsquery('palabre_en', ${text}))`;
}

// The ranking tiers (search.index), each excluding the one before: the first three from
// the small `headline` vectors, the last from `document`.
function tierConditions(words: string[]): { a: RawBuilder<unknown>; ab: RawBuilder<unknown>; abc: RawBuilder<unknown>; any: RawBuilder<unknown> } {
  const [a, ab, abc, any] = ['A', 'AB', 'ABC', ''].map((w) => tsquery(words, w)) as [RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>];
  return { a, ab, abc, any };
}

// Under `few` matches, ranking them all in one query (GIN finds them, a sort orders
// them) is cheaper than walking the recency index tier by tier, which reads every row
// when a tier is empty. GIN answers a query without weights exactly, so probing is cheap.
export const tsvectorTuning = { few: 2000 };

function filters(q: IndexQuery): RawBuilder<unknown> {
  const parts = [sql`search_index.publish_at <= ${q.now}`];
  if (q.sectionId !== undefined) parts.push(sql`search_index.section_id = ${q.sectionId}`);
  if (q.from !== undefined) parts.push(sql`search_index.publish_at >= ${q.from}`);
  if (q.before !== undefined) parts.push(sql`search_index.publish_at < ${q.before}`);
  return sql.join(parts, sql` and `);
}

/** PostgreSQL: weighted tsvectors (headline, document), GIN-indexed; newest first within a tier. */
export const tsvectorIndex: SearchIndex = {
  async upsert(db, doc) {
    const cfg = CONFIG[doc.lang];
    const v = (text: string, weight: string) => sql`setweight(to_tsvector(${cfg}::regconfig, ${text}), ${weight})`;
    const headline = sql`${v(doc.title, 'A')} || ${v(doc.summary, 'B')} || ${v(doc.extra, 'C')}`;
    await sql`insert into search_index (article_id, headline, document, plain, publish_at, section_id) values (
      ${doc.articleId}, ${headline}, ${headline} || ${v(doc.body, 'D')}, ${doc.plain}, ${doc.publishAt}, ${doc.sectionId})
      on conflict (article_id) do update set headline = excluded.headline, document = excluded.document, plain = excluded.plain,
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
    const { a, ab, abc, any } = tierConditions(q.words);
    const tierOf = sql`case when search_index.headline @@ ${a} then 0 when search_index.headline @@ ${ab} then 1 when search_index.headline @@ ${abc} then 2 else 3 end`;
    const count = async (where: RawBuilder<unknown>, max?: number) => {
      const r = await sql<{ n: number }>`select count(*) as n from (select 1 from search_index where ${where} and ${filters(q)}
        ${max === undefined ? sql`` : sql`limit ${max}`}) as m`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    };
    const tier = (where: RawBuilder<unknown>, rank?: RawBuilder<unknown>) => ({
      count: () => count(where),
      rows: async (limit: number, offset: number) =>
        (
          await sql<IndexHit>`
            select search_index.article_id as id, search_index.plain as plain from search_index
            where ${where} and ${filters(q)}
            order by ${rank === undefined ? sql`` : sql`${rank}, `}search_index.publish_at desc, search_index.article_id desc
            limit ${limit} offset ${offset}`.execute(db)
        ).rows,
    });
    const inHeadline = sql`search_index.headline @@ ${abc}`;
    const inBodyOnly = sql`search_index.document @@ ${any} and not search_index.headline @@ ${abc}`;
    // Few matches in all: rank them in one go. Few in the headlines: the first three tiers in one go.
    const few = tsvectorTuning.few;
    if ((await count(sql`search_index.document @@ ${any}`, few)) < few) return pageThroughTiers([tier(sql`search_index.document @@ ${any}`, tierOf)], q.offset, q.limit);
    const headlineTiers =
      (await count(inHeadline, few)) < few
        ? [tier(inHeadline, tierOf)]
        : [tier(sql`search_index.headline @@ ${a}`), tier(sql`search_index.headline @@ ${ab} and not search_index.headline @@ ${a}`), tier(sql`${inHeadline} and not search_index.headline @@ ${ab}`)];
    return pageThroughTiers([...headlineTiers, tier(inBodyOnly)], q.offset, q.limit);
  },
};

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import { type IndexHit, type IndexQuery, type SearchIndex } from './search.tiers';
import type { SearchLang } from './search.text';

/** Text search configurations of migration 0004: unaccent, then the language's Snowball stemmer. */
const CONFIG: Record<SearchLang, string> = { fr: 'palabre_fr', en: 'palabre_en' };

/**
 * Every word (letters and digits only, search.text) must match, read as French or as
 * English: the article's own language decided its stems. No weights in the query: each
 * tier matches its own vector (below), so a GIN index answers it exactly, without a recheck.
 */
function tsquery(words: string[]): RawBuilder<unknown> {
  const text = words.join(' & ');
  const [fr, en] = [sql`to_tsquery('palabre_fr', ${text})`, sql`to_tsquery('palabre_en', ${text})`];
  // Mostly both languages give the same stems: then one query, not « x | x », which the
  // planner would cost as twice as many matches. Constant, so folded when planning.
  return sql`(case when ${fr} = ${en} then ${fr} else ${fr} || ${en} end)`;
}

// The title (A) and the title and summary (A, B) of the headline: the expressions of
// migration 0015's GIN indexes, written as they are there, so that the planner uses the
// indexes and their statistics.
const TITLE = sql`ts_filter(search_index.headline, '{a}')`;
const LEAD = sql`ts_filter(search_index.headline, '{a,b}')`;
// The tiers before, as expressions no index or statistics knows (the same weights, written
// otherwise), to exclude them from the next tier. Written as the indexed expressions, each
// exclusion made the planner read their 10,000-lexeme statistics once more for every search
// (~0.85 ms of planning each at load average 5, as much as many a search's execution); their selectivity (the
// default: nearly every row kept) is right for an exclusion. The whole headline holds A, B
// and C only.
const TITLE_UNSTATTED = sql`ts_filter(search_index.headline, '{a,a}')`;
const LEAD_UNSTATTED = sql`ts_filter(search_index.headline, '{b,a}')`;
const HEADLINE_UNSTATTED = sql`ts_filter(search_index.headline, '{a,b,c}')`;

// The ranking tiers (search.tiers), each excluding the one before: the first three from
// the small headline vectors (title; title and summary; and the tags and section), the last
// from `document`.
function tiers(words: string[]): RawBuilder<unknown>[] {
  const q = tsquery(words);
  return [
    sql`${TITLE} @@ ${q}`,
    sql`${LEAD} @@ ${q} and not ${TITLE_UNSTATTED} @@ ${q}`,
    sql`search_index.headline @@ ${q} and not ${LEAD_UNSTATTED} @@ ${q}`,
    sql`search_index.document @@ ${q} and not ${HEADLINE_UNSTATTED} @@ ${q}`,
  ];
}

function filters(q: IndexQuery): RawBuilder<unknown> {
  const parts = [sql`search_index.publish_at <= ${q.now}`];
  if (q.sectionId !== undefined) parts.push(sql`search_index.section_id = ${q.sectionId}`);
  if (q.from !== undefined) parts.push(sql`search_index.publish_at >= ${q.from}`);
  if (q.before !== undefined) parts.push(sql`search_index.publish_at < ${q.before}`);
  return sql.join(parts, sql` and `);
}

/** PostgreSQL: tsvectors (headline weighted, document stripped), GIN-indexed; newest first within a tier. */
export const tsvectorIndex: SearchIndex = {
  async upsert(db, doc) {
    const cfg = CONFIG[doc.lang];
    const v = (text: string, weight: string) => sql`setweight(to_tsvector(${cfg}::regconfig, ${text}), ${weight})`;
    const headline = sql`${v(doc.title, 'A')} || ${v(doc.summary, 'B')} || ${v(doc.extra, 'C')}`;
    // `document` serves the fourth tier only (no weights, no phrases): stripped of positions and
    // weights, it is small enough to stay in the row, not in the TOAST table (migration 0016).
    // Both tables in one statement: never an indexed article without what its result shows
    // (the search's join would drop it), whether or not the caller holds a transaction.
    await sql`with indexed as (
        insert into search_index (article_id, headline, document, plain, publish_at, section_id) values (
          ${doc.articleId}, ${headline}, strip(${headline} || ${v(doc.body, 'D')}), ${doc.plain}, ${doc.publishAt}, ${doc.sectionId})
        on conflict (article_id) do update set headline = excluded.headline, document = excluded.document, plain = excluded.plain,
          publish_at = excluded.publish_at, section_id = excluded.section_id)
      insert into search_results (article_id, slug, title, lang) values (${doc.articleId}, ${doc.slug}, ${doc.title}, ${doc.articleLang})
      on conflict (article_id) do update set slug = excluded.slug, title = excluded.title, lang = excluded.lang`.execute(db);
  },
  async remove(db, articleId) {
    await sql`with gone as (delete from search_index where article_id = ${articleId})
      delete from search_results where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`with gone as (delete from search_index) delete from search_results`.execute(db);
  },
  async rebuilt(db) {
    // Which branch walks by date and which reads the GIN index follows these statistics (0014).
    // Outside a transaction, a VACUUM too: every row of the index was just written, and until
    // the visibility map says their pages are all visible, each match is checked in the heap
    // (no index-only scan, a heap visit per row a bitmap finds). Autovacuum does it in time;
    // a full rebuild should not wait for it (nor for a server where it is off). On the bench's
    // 100,000 articles: search p95 0.63× (docs/performance.md).
    await (db.isTransaction ? sql`analyze search_index` : sql`vacuum (analyze) search_index, search_results`).execute(db);
  },
  async query(db: Kysely<Database>, q) {
    if (q.words.length === 0) return [];
    // One statement, one round trip: the tiers in order under one LIMIT. PostgreSQL's Append
    // runs its branches one after the other and the Limit stops pulling once the page is full,
    // so a later tier is not read at all when the earlier ones fill the page, and a later
    // page needs no count of the tiers it skips. Each branch is planned on its own (walking
    // the date index for a dense tier, the GIN index for a sparse one).
    const upTo = q.offset + q.limit;
    const branches = tiers(q.words).map(
      (tier, rank) => sql`(select ${sql.lit(rank)} as tier, search_index.article_id as id, search_index.publish_at as "publishAt",
          search_index.section_id as "sectionId", search_index.plain
        from search_index
        where ${tier} and ${filters(q)}
        order by search_index.publish_at desc, search_index.article_id desc
        limit ${upTo})`,
    );
    // What the page's rows show besides (migration 0017), by primary key for those rows only;
    // sorted again as the tiers gave them (the join need not keep their order).
    const r = await sql<IndexHit>`select found.id, found.plain, found."publishAt", found."sectionId", r.slug, r.title, r.lang
      from (select * from (${sql.join(branches, sql` union all `)}) as tiers limit ${q.limit} offset ${q.offset}) as found
      join search_results r on r.article_id = found.id
      order by found.tier, found."publishAt" desc, found.id desc`.execute(db);
    return r.rows;
  },
};

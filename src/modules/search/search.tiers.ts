import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SearchLang } from './search.text';

/** What is indexed of one published article (texts are plain, without Markdown). */
export interface SearchDocument {
  articleId: number;
  lang: SearchLang;
  title: string;
  summary: string;
  body: string;
  /** Tag and section names. */
  extra: string;
  /** The readable text snippets are cut from (summary and body). */
  plain: string;
  /** What the filters read, and a result shows. */
  publishAt: string;
  sectionId: number | null;
  /** What a result shows besides the title: the article's address and its own language (not the stemming one). */
  slug: string;
  articleLang: string;
}

/** A search in the index; only articles readers may see at `now` are found. */
export interface IndexQuery {
  /** The reader's words (already limited to MAX_QUERY_WORDS). */
  words: string[];
  now: string;
  sectionId?: number | undefined;
  /** Published at or after this instant. */
  from?: string | undefined;
  /** Published strictly before this instant. */
  before?: string | undefined;
  offset: number;
  limit: number;
}

/** One article found, best first: what its result shows, read from the index, not from `articles`. */
export interface IndexHit {
  id: number;
  /** The text its snippet is cut from. */
  plain: string;
  slug: string;
  title: string;
  lang: string;
  publishAt: string;
  sectionId: number | null;
}

/**
 * The full-text index of one engine. Ranking, the same on every engine, in tiers: the
 * articles with every word in the title; then in the title and summary; then in those
 * and the tags and section; then anywhere in the body. Within a tier, the most recent
 * first. (A relevance score over every match would rank the same way most of the time,
 * but costs a pass over all matches: 60,000 for a common word in 100,000 articles.)
 */
export interface SearchIndex {
  upsert(db: Kysely<Database>, doc: SearchDocument): Promise<void>;
  remove(db: Kysely<Database>, articleId: number): Promise<void>;
  query(db: Kysely<Database>, q: IndexQuery): Promise<IndexHit[]>;
  /** Empties the index (before a full rebuild). */
  clear(db: Kysely<Database>): Promise<void>;
  /** After a full rebuild: the planner's statistics brought up to date (its plans depend on them). */
  rebuilt(db: Kysely<Database>): Promise<void>;
}

/** One ranking tier of an engine: how many it holds, and a slice of it, newest first. */
export interface Tier<H> {
  count(): Promise<number>;
  rows(limit: number, offset: number): Promise<H[]>;
}

/**
 * A page across the tiers, in order: reads about `limit` rows of each tier it reaches;
 * only a later page (offset > 0) counts the tiers before it, to skip them.
 */
export async function pageThroughTiers<H>(tiers: Tier<H>[], offset: number, limit: number): Promise<H[]> {
  const found: H[] = [];
  let skip = offset;
  for (const tier of tiers) {
    if (found.length >= limit) break;
    if (skip > 0) {
      const n = await tier.count();
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    found.push(...(await tier.rows(limit - found.length, skip)));
    skip = 0;
  }
  return found;
}

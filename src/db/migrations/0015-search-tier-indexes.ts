import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * PostgreSQL: a GIN index per headline tier (issue 12, docs/performance.md « Search »).
 *
 * The first two ranking tiers asked `headline @@ 'word:A'` (title) and `'word:AB'` (title or
 * summary). A GIN index holds no weights: it returned every headline with the word anywhere and
 * the heap rechecked the weight, and the planner, which ignores weights too, costed the title
 * tier as if every headline match were a title match (5 to 50 times too many). It then walked
 * `search_index_recent` newest first and threw away thousands of rows before 21 titles matched
 * (« Wagner »: 11,757 rows removed by the filter, 11,923 buffers).
 *
 * The title and the title-and-summary vectors, `ts_filter(headline, '{a}')` and
 * `ts_filter(headline, '{a,b}')`, get their own GIN indexes: their matches are exact (no
 * recheck, a query without weights) and ANALYZE keeps statistics on each expression, so the
 * planner knows how many titles hold a word and reads the index when they are few. No column
 * is added: the heap stays as narrow as 0014 made it (a walk computes `ts_filter` on the
 * in-row headline).
 *
 * SQLite (FTS5) needs nothing: its `search_headline` table already answers these tiers.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  if (d.fullText !== 'tsvector') return;
  for (const [name, weights] of [
    ['search_index_title', '{a}'],
    ['search_index_lead', '{a,b}'],
  ] as const) {
    await sql`create index ${sql.ref(name)} on search_index using gin (ts_filter(headline, ${sql.lit(weights)})) with (fastupdate = off)`.execute(db);
    // As 0014 did for the columns: the 10,000 most common lexemes, so a rare word is costed as rare.
    await sql`alter index ${sql.ref(name)} alter column 1 set statistics 1000`.execute(db);
  }
  await sql`analyze search_index`.execute(db);
}

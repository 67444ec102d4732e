import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { Article } from '../articles/article';
import { articlesQuery, hydrateArticles } from '../articles/article.repository';
import type { IndexQuery } from './search.index';

/** The conditions every engine's search adds: visible to readers now, then the reader's filters. */
export function visibleFilters(q: IndexQuery): RawBuilder<unknown> {
  const parts = [sql`articles.status = 'published'`, sql`articles.publish_at <= ${q.now}`];
  if (q.sectionId !== undefined) parts.push(sql`articles.section_id = ${q.sectionId}`);
  if (q.from !== undefined) parts.push(sql`articles.publish_at >= ${q.from}`);
  if (q.before !== undefined) parts.push(sql`articles.publish_at < ${q.before}`);
  return sql.join(parts, sql` and `);
}

/** Articles by id, in the order of the ids given. */
export async function findArticlesByIds(db: Kysely<Database>, ids: number[]): Promise<Article[]> {
  if (ids.length === 0) return [];
  const rows = await articlesQuery(db).where('articles.id', 'in', ids).execute();
  const byId = new Map((await hydrateArticles(db, rows)).map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Ids of every published article (scheduled ones included), for a full rebuild of the index. */
export async function listPublishedIds(db: Kysely<Database>, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

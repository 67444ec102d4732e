import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Article } from '../articles/article';
import { articlesQuery, hydrateArticles } from '../articles/article.repository';

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

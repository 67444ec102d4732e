import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Article } from './article';
import { articlesQuery, hydrateArticles } from './article.repository';

// Reads other modules need (the dashboard's counts, search's hydration and rebuild, exports), behind article.read-model.ts.

/** Drafts and scheduled articles, for the dashboard (optionally one author's). */
export async function countUnpublished(db: Kysely<Database>, now: string, authorId?: number): Promise<{ drafts: number; scheduled: number }> {
  let q = db
    .selectFrom('articles')
    .select([
      (eb) => eb.fn.sum<number | null>(eb.case().when('status', '=', 'draft').then(1).else(0).end()).as('drafts'),
      (eb) => eb.fn.sum<number | null>(eb.case().when(eb.and([eb('status', '=', 'published'), eb('publish_at', '>', now)])).then(1).else(0).end()).as('scheduled'),
    ]);
  if (authorId !== undefined)
    q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', authorId)));
  const r = await q.executeTakeFirstOrThrow();
  return { drafts: Number(r.drafts ?? 0), scheduled: Number(r.scheduled ?? 0) };
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

/** Articles of every status, by id, a page at a time (exports). */
export async function listArticlesAfter(db: Kysely<Database>, afterId: number, limit: number): Promise<Article[]> {
  const rows = await articlesQuery(db).where('articles.id', '>', afterId).orderBy('articles.id').limit(limit).execute();
  return hydrateArticles(db, rows);
}

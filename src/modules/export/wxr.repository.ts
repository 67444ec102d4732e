import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { articlesQuery } from '../articles/article.repository';

/** Articles (every status) with their section, by id, a page at a time. */
export async function articleRowsAfter(db: Kysely<Database>, after: number, limit: number) {
  return articlesQuery(db).where('articles.id', '>', after).orderBy('articles.id').limit(limit).execute();
}

/** Every comment of an article, any status, oldest first (a WXR item carries them all). */
export async function commentsOfArticle(db: Kysely<Database>, articleId: number) {
  return db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'user_id', 'author_name', 'author_email', 'html', 'status', 'created_at'])
    // Issue 14: the newsroom's picks go out as comment meta `palabre_pick`.
    .select((eb) => eb.exists(eb.selectFrom('comment_picks').select('comment_picks.comment_id').whereRef('comment_picks.comment_id', '=', 'comments.id')).as('picked'))
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}

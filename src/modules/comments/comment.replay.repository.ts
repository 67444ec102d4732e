import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CommentRow } from './comment.repository';

/** The article's published comments with an id above `afterId`, oldest id first, at most `limit`. */
export async function listPublishedAfter(db: Kysely<Database>, articleId: number, afterId: number, limit: number): Promise<CommentRow[]> {
  return db
    .selectFrom('comments')
    .select(['id', 'article_id', 'parent_id', 'user_id', 'author_name', 'body', 'html', 'status', 'created_at', 'likes', 'edited_at'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Picks a comment (again: keeps the first pick). */
export async function insertPick(db: Db, commentId: number, by: number, at: string): Promise<void> {
  await db.insertInto('comment_picks').values({ comment_id: commentId, picked_by: by, picked_at: at }).onConflict((oc) => oc.column('comment_id').doNothing()).execute();
}

export async function deletePick(db: Db, commentId: number): Promise<void> {
  await db.deleteFrom('comment_picks').where('comment_id', '=', commentId).execute();
}

/** The picked comments among an article's, newest pick first. */
export async function listPickedOfArticle(db: Db, articleId: number): Promise<{ comment_id: number; picked_at: string }[]> {
  return db
    .selectFrom('comment_picks')
    .innerJoin('comments', 'comments.id', 'comment_picks.comment_id')
    .select(['comment_picks.comment_id', 'comment_picks.picked_at'])
    .where('comments.article_id', '=', articleId)
    .orderBy('comment_picks.picked_at', 'desc')
    .execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inChunks } from '../../db/in-chunks';
import { IDS_PER_QUERY, type CommentRow } from './comment.repository';

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

/** The picks among these comments (any number: a page's one thread may hold thousands). */
export async function listPicksOf(db: Db, commentIds: number[]): Promise<{ comment_id: number; picked_at: string }[]> {
  return inChunks(IDS_PER_QUERY, (chunk: number[]) => db.selectFrom('comment_picks').select(['comment_id', 'picked_at']).where('comment_id', 'in', chunk).execute())(commentIds);
}

/** Picks carried by an import or a restore (ids of this instance); a comment already picked keeps its pick. */
export async function insertPicks(db: Db, picks: { comment_id: number; picked_by: number | null; picked_at: string }[]): Promise<void> {
  if (picks.length === 0) return;
  await db.insertInto('comment_picks').values(picks).onConflict((oc) => oc.column('comment_id').doNothing()).execute();
}

const FEED_COLUMNS = ['id', 'article_id', 'parent_id', 'user_id', 'author_name', 'body', 'html', 'status', 'created_at', 'likes', 'edited_at'] as const;

/** An article's latest published comments (or only its picked ones, newest pick first), with their pick. */
export async function listFeedComments(db: Db, articleId: number, picksOnly: boolean, limit: number): Promise<(CommentRow & { picked_at: string | null })[]> {
  let q = db
    .selectFrom('comments')
    .leftJoin('comment_picks', 'comment_picks.comment_id', 'comments.id')
    .select([...FEED_COLUMNS.map((c) => `comments.${c}` as const), 'comment_picks.picked_at'])
    .where('comments.article_id', '=', articleId)
    .where('comments.status', '=', 'published');
  q = picksOnly ? q.where('comment_picks.picked_at', 'is not', null).orderBy('comment_picks.picked_at', 'desc') : q.orderBy('comments.created_at', 'desc');
  return q.orderBy('comments.id', 'desc').limit(limit).execute();
}

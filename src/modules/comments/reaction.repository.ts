import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CommentStatus } from './comment';

type Db = Kysely<Database>;

/**
 * Adds one reader's like (at most one: the primary key) and keeps `comments.likes`
 * in step. Run it inside the caller's write transaction. Returns the new count.
 */
export async function insertLike(db: Db, commentId: number, liker: string, now: string): Promise<number> {
  const r = await db
    .insertInto('comment_likes')
    .values({ comment_id: commentId, liker, created_at: now })
    .onConflict((oc) => oc.columns(['comment_id', 'liker']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) await db.updateTable('comments').set((eb) => ({ likes: eb('likes', '+', 1) })).where('id', '=', commentId).execute();
  return countOf(db, commentId);
}

/** Takes one reader's like back (nothing when there was none); returns the new count. */
export async function deleteLike(db: Db, commentId: number, liker: string): Promise<number> {
  const r = await db.deleteFrom('comment_likes').where('comment_id', '=', commentId).where('liker', '=', liker).executeTakeFirst();
  if (Number(r.numDeletedRows) > 0) await db.updateTable('comments').set((eb) => ({ likes: eb('likes', '-', 1) })).where('id', '=', commentId).execute();
  return countOf(db, commentId);
}

async function countOf(db: Db, commentId: number): Promise<number> {
  const r = await db.selectFrom('comments').select('likes').where('id', '=', commentId).executeTakeFirst();
  return Number(r?.likes ?? 0);
}

/** Forgets every like of one reader (an erased account), each count going down with it. */
export async function removeLikesBy(db: Db, liker: string): Promise<void> {
  const liked = db.selectFrom('comment_likes').select('comment_id').where('liker', '=', liker);
  await db.updateTable('comments').set((eb) => ({ likes: eb('likes', '-', 1) })).where('id', 'in', liked).execute();
  await db.deleteFrom('comment_likes').where('liker', '=', liker).execute();
}

/**
 * Address retention: guests' likes older than the cutoff forget the address HMAC. The
 * counts stay (a like was given); the same address may like that comment again later.
 */
export async function purgeAddressLikes(db: Db, cutoff: string): Promise<number> {
  const r = await db.deleteFrom('comment_likes').where('liker', 'like', 'address:%').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Which of an article's published comments this reader liked. */
export async function listLikedIds(db: Db, articleId: number, liker: string): Promise<number[]> {
  const rows = await db
    .selectFrom('comment_likes')
    .innerJoin('comments', 'comments.id', 'comment_likes.comment_id')
    .select('comment_likes.comment_id')
    .where('comment_likes.liker', '=', liker)
    .where('comments.article_id', '=', articleId)
    .where('comments.status', '=', 'published')
    .execute();
  return rows.map((r) => r.comment_id);
}

/** The live like counts of an article's published comments that have any. */
export async function listLikeCounts(db: Db, articleId: number, ids?: number[]): Promise<Record<string, number>> {
  if (ids && ids.length === 0) return {};
  let q = db.selectFrom('comments').select(['id', 'likes']).where('article_id', '=', articleId).where('status', '=', 'published').where('likes', '>', 0);
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [String(r.id), Number(r.likes)]));
}

/** What an edit needs to know of a comment. */
export interface EditableRow {
  id: number;
  article_id: number;
  user_id: number | null;
  author_name: string;
  author_email: string | null;
  ip_hash: string | null;
  body: string;
  body_hash: string | null;
  status: CommentStatus;
  reasons: string;
  created_at: string;
}

export async function findEditableComment(db: Db, id: number): Promise<EditableRow | undefined> {
  return db
    .selectFrom('comments')
    .select(['id', 'article_id', 'user_id', 'author_name', 'author_email', 'ip_hash', 'body', 'body_hash', 'status', 'reasons', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An author's published comments of an article posted since `since` (their edit window is open). */
export async function listRecentOwnComments(db: Db, articleId: number, who: { userId: number | null; ids: number[] }, since: string) {
  if (who.userId === null && who.ids.length === 0) return [];
  let q = db.selectFrom('comments').select(['id', 'created_at', 'body']).where('article_id', '=', articleId).where('status', '=', 'published').where('created_at', '>=', since);
  q = who.userId !== null ? q.where('user_id', '=', who.userId) : q.where('id', 'in', who.ids).where('user_id', 'is', null);
  return q.orderBy('id').execute();
}

export interface CommentChange {
  body: string;
  html: string;
  body_hash: string;
  status: CommentStatus;
  reasons: string;
  scores: string;
  edited_at: string;
}

/** Stores an edit: the former text kept in comment_edits, the new one on the comment. Inside a write transaction. */
export async function applyEdit(db: Db, before: EditableRow, change: CommentChange): Promise<void> {
  await db
    .insertInto('comment_edits')
    .values({ comment_id: before.id, body: before.body, status: before.status, reasons: before.reasons, edited_at: change.edited_at })
    .execute();
  await db
    .updateTable('comments')
    .set({ ...change, updated_at: change.edited_at })
    .where('id', '=', before.id)
    .execute();
}

/** The former texts of a comment, oldest first (for moderators). */
export async function listCommentEdits(db: Db, commentId: number) {
  return db.selectFrom('comment_edits').select(['id', 'body', 'status', 'reasons', 'edited_at']).where('comment_id', '=', commentId).orderBy('id').execute();
}

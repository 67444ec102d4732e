import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inChunks } from '../../db/in-chunks';
import { runShaped } from '../../db/statement-shapes';
import type { CommentStatus, Reason } from './comment';

export interface CommentRow {
  id: number;
  article_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  body: string;
  html: string;
  status: CommentStatus;
  created_at: string;
  likes: number;
  /** When its author last edited it; absent from queries that do not ask. */
  edited_at?: string | null;
  /** Picked by the newsroom (set by the discussion builder). */
  picked?: boolean;
  /** Written by a member of the newsroom (set by the discussion builder). */
  staff?: boolean;
}

const PUBLIC_COLUMNS = ['id', 'article_id', 'parent_id', 'user_id', 'author_name', 'body', 'html', 'status', 'created_at', 'likes', 'edited_at'] as const;

export interface NewComment {
  article_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  author_email: string | null;
  ip_hash: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  reasons: Reason[];
  scores: Record<string, number>;
  created_at: string;
  /** See moderation/text.ts bodyHash: lets the pipeline find repeats. */
  body_hash?: string | null;
  /** 1: email the author when a reply to this comment is published. */
  notify_replies?: number;
}

export async function insertComment(db: Kysely<Database>, c: NewComment): Promise<number> {
  const r = await db
    .insertInto('comments')
    .values({ ...c, reasons: JSON.stringify(c.reasons), scores: JSON.stringify(c.scores), updated_at: c.created_at, likes: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Inserts the comments with one statement (a group committed together, comment.batch.ts);
 * their ids in the order given. Both engines hand out the ids of one statement's rows in
 * ascending order of its VALUES (SQLite's AUTOINCREMENT under the write lock, a PostgreSQL
 * sequence's nextval per row), and RETURNING's order is not promised: the ids are sorted.
 * Every row has every column (a missing hash is null, notifications off are 0, as the
 * columns' defaults), so the statement of a given number of rows is compiled once (runShaped).
 */
export async function insertComments(db: Kysely<Database>, comments: readonly NewComment[]): Promise<number[]> {
  if (comments.length === 0) return [];
  const rows = comments.map((c) => ({
    article_id: c.article_id,
    parent_id: c.parent_id,
    user_id: c.user_id,
    author_name: c.author_name,
    author_email: c.author_email,
    ip_hash: c.ip_hash,
    body: c.body,
    html: c.html,
    status: c.status,
    reasons: JSON.stringify(c.reasons),
    scores: JSON.stringify(c.scores),
    created_at: c.created_at,
    body_hash: c.body_hash ?? null,
    notify_replies: c.notify_replies ?? 0,
    updated_at: c.created_at,
    likes: 0,
  }));
  // Kysely writes the columns in the rows' order, which is this literal's: so are the values.
  const params = rows.flatMap((r) => Object.values(r));
  const returned = await runShaped(db, `comments.insert-new.${rows.length}`, params, () => db.insertInto('comments').values(rows).returning('id'));
  return returned.map((r) => r.id).sort((a, b) => a - b);
}

export async function findCommentById(db: Kysely<Database>, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** What threading and ordering need of an article's published comments (no text), oldest first. */
export async function listPublishedKeys(db: Kysely<Database>, articleId: number): Promise<{ id: number; parent_id: number | null; likes: number }[]> {
  return db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'likes'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Ids per statement of a read by ids (db/in-chunks.ts). */
export const IDS_PER_QUERY = 1000;

/**
 * These published comments of an article (the rows of one page of its discussion), in no order.
 * Read by id alone, then kept if still the article's and published: with the article and status
 * in the WHERE, SQLite walked the article's whole index (20,000 entries: ~3 ms a page) instead of
 * looking each id up.
 */
export async function listPublishedByIds(db: Kysely<Database>, articleId: number, ids: number[]): Promise<CommentRow[]> {
  const rows = await inChunks(IDS_PER_QUERY, (chunk: number[]) => db.selectFrom('comments').select(PUBLIC_COLUMNS).where('id', 'in', chunk).execute())(ids);
  return rows.filter((r) => r.article_id === articleId && r.status === 'published');
}

export type CommentOrder = 'oldest' | 'newest' | 'top' | 'picks';

/** One page of an article's published comments in the given order; offset-based. */
export async function listCommentsPage(
  db: Kysely<Database>,
  articleId: number,
  order: CommentOrder,
  offset: number,
  limit: number,
): Promise<CommentRow[]> {
  let q = db.selectFrom('comments').select(PUBLIC_COLUMNS).where('article_id', '=', articleId).where('status', '=', 'published');
  if (order === 'oldest') q = q.orderBy('created_at', 'asc').orderBy('id', 'asc');
  else if (order === 'newest') q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  else if (order === 'top') q = q.orderBy('likes', 'desc').orderBy('created_at', 'asc').orderBy('id', 'asc');
  else {
    // Picks first (the newsroom's latest pick leading), then the rest oldest first.
    q = q
      .orderBy((eb) => eb.selectFrom('comment_picks').select('picked_at').whereRef('comment_picks.comment_id', '=', 'comments.id'), (ob) => ob.desc().nullsLast())
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc');
  }
  return q.offset(offset).limit(limit).execute();
}

export async function countPublishedComments(db: Kysely<Database>, articleIds: number[]): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'published')
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

/** Sets a comment's status and reasons. */
export async function updateCommentStatus(db: Kysely<Database>, id: number, status: CommentStatus, reasons: Reason[], now: string): Promise<void> {
  await db.updateTable('comments').set({ status, reasons: JSON.stringify(reasons), updated_at: now }).where('id', '=', id).execute();
}

/** A reply and its parent, as reply emails need them (guests' emails; accounts' are the accounts module's). */
export interface ReplyPairRow {
  replyId: number;
  articleId: number;
  replyBody: string;
  replierName: string;
  replierUserId: number | null;
  replierGuestEmail: string | null;
  parentId: number;
  parentStatus: CommentStatus;
  parentNotify: number;
  parentName: string;
  parentUserId: number | null;
  parentGuestEmail: string | null;
}

export async function findReplyPair(db: Kysely<Database>, replyId: number): Promise<ReplyPairRow | undefined> {
  return db
    .selectFrom('comments as r')
    .innerJoin('comments as p', 'p.id', 'r.parent_id')
    .select([
      'r.id as replyId',
      'r.article_id as articleId',
      'r.body as replyBody',
      'r.author_name as replierName',
      'r.user_id as replierUserId',
      'r.author_email as replierGuestEmail',
      'p.id as parentId',
      'p.status as parentStatus',
      'p.notify_replies as parentNotify',
      'p.author_name as parentName',
      'p.user_id as parentUserId',
      'p.author_email as parentGuestEmail',
    ])
    .where('r.id', '=', replyId)
    .executeTakeFirst();
}

/**
 * Marks a published reply as announced, once: true for the one caller (on any instance)
 * that set the mark, false when the comment is not a published reply or was announced before.
 */
export async function markReplyNotified(db: Kysely<Database>, replyId: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('comments')
    .set({ reply_notified_at: now })
    .where('id', '=', replyId)
    .where('parent_id', 'is not', null)
    .where('status', '=', 'published')
    .where('reply_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Turns reply emails off for a comment; its article, or undefined when there is no such comment. */
export async function clearNotifyReplies(db: Kysely<Database>, commentId: number): Promise<number | undefined> {
  await db.updateTable('comments').set({ notify_replies: 0 }).where('id', '=', commentId).execute();
  const row = await db.selectFrom('comments').select('article_id').where('id', '=', commentId).executeTakeFirst();
  return row?.article_id;
}

/** The pending comments of an article among the given ids (their author's own view). */
export async function listOwnPending(db: Kysely<Database>, articleId: number, ids: number[]): Promise<CommentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('comments')
    .select(['id', 'article_id', 'parent_id', 'user_id', 'author_name', 'body', 'html', 'status', 'created_at', 'likes'])
    .where('article_id', '=', articleId)
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Marks a published reply as announced, once: true for the one caller (on any instance)
 * that set the mark, false when the comment is not a published reply or was announced before.
 */
export async function claimReplyNotice(db: Kysely<Database>, replyId: number, now: string): Promise<boolean> {
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

/** A reply with its parent, and who wrote each (an account's email, else the guest's). */
export interface ReplyNotice {
  replyId: number;
  articleId: number;
  replyBody: string;
  replierName: string;
  replierUserId: number | null;
  replierEmail: string | null;
  parentId: number;
  parentStatus: string;
  parentNotify: number;
  parentName: string;
  parentUserId: number | null;
  /** The account's email (null when the account is suspended), else the guest's. */
  parentEmail: string | null;
}

export async function findReplyNotice(db: Kysely<Database>, replyId: number): Promise<ReplyNotice | undefined> {
  const row = await db
    .selectFrom('comments as r')
    .innerJoin('comments as p', 'p.id', 'r.parent_id')
    .leftJoin('users as ru', 'ru.id', 'r.user_id')
    .leftJoin('users as pu', 'pu.id', 'p.user_id')
    .select([
      'r.id as replyId',
      'r.article_id as articleId',
      'r.body as replyBody',
      'r.author_name as replierName',
      'r.user_id as replierUserId',
      'r.author_email as replierGuestEmail',
      'ru.email as replierAccountEmail',
      'p.id as parentId',
      'p.status as parentStatus',
      'p.notify_replies as parentNotify',
      'p.author_name as parentName',
      'p.user_id as parentUserId',
      'p.author_email as parentGuestEmail',
      'pu.email as parentAccountEmail',
      'pu.disabled_at as parentDisabledAt',
    ])
    .where('r.id', '=', replyId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { replierGuestEmail, replierAccountEmail, parentGuestEmail, parentAccountEmail, parentDisabledAt, ...rest } = row;
  return {
    ...rest,
    replierEmail: row.replierUserId !== null ? replierAccountEmail : replierGuestEmail,
    parentEmail: row.parentUserId !== null ? (parentDisabledAt === null ? parentAccountEmail : null) : parentGuestEmail,
  };
}

/** Turns reply emails off for a comment; the comment's article, or undefined when there is no such comment. */
export async function turnOffReplyNotices(db: Kysely<Database>, commentId: number): Promise<number | undefined> {
  await db.updateTable('comments').set({ notify_replies: 0 }).where('id', '=', commentId).execute();
  const row = await db.selectFrom('comments').select('article_id').where('id', '=', commentId).executeTakeFirst();
  return row?.article_id;
}

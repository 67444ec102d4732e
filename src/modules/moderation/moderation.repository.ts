import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { CommentsTable } from '../comments/comment.tables';

type Db = Kysely<Database>;

/** Who a commenter is, as far as moderation can tell (never a raw address). */
export interface CommenterKey {
  userId: number | null;
  email: string | null;
  ipHash: string | null;
}

/** When this client last commented: the account's comments, else the address's. */
export async function findLastCommentAt(db: Db, who: CommenterKey): Promise<string | undefined> {
  let q = db.selectFrom('comments').select('created_at').orderBy('created_at', 'desc').limit(1);
  if (who.userId !== null) q = q.where('user_id', '=', who.userId);
  else if (who.ipHash !== null) q = q.where('ip_hash', '=', who.ipHash);
  else return undefined;
  return (await q.executeTakeFirst())?.created_at;
}

/** Whether a comment with this text hash exists by this commenter or under this article. */
export async function existsRepeat(db: Db, bodyHash: string, articleId: number, who: CommenterKey): Promise<boolean> {
  const r = await db
    .selectFrom('comments')
    .select('id')
    .where('body_hash', '=', bodyHash)
    .where((eb) => {
      const ors = [eb('article_id', '=', articleId)];
      if (who.userId !== null) ors.push(eb('user_id', '=', who.userId));
      if (who.email !== null) ors.push(eb('author_email', '=', who.email));
      if (who.ipHash !== null) ors.push(eb('ip_hash', '=', who.ipHash));
      return eb.or(ors);
    })
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether the account or the email has a published comment (approved by the pipeline or a human). */
export async function existsApprovedComment(db: Db, who: CommenterKey): Promise<boolean> {
  if (who.userId === null && who.email === null) return false;
  let q = db.selectFrom('comments').select('id').where('status', '=', 'published').limit(1);
  q = who.userId !== null ? q.where('user_id', '=', who.userId) : q.where('author_email', '=', who.email as string);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The active ban matching any of the commenter's keys. */
export async function findActiveBan(db: Db, who: CommenterKey, now: string): Promise<{ id: number; kind: string } | undefined> {
  const keys: { kind: 'account' | 'email' | 'address'; value: string }[] = [];
  if (who.userId !== null) keys.push({ kind: 'account', value: String(who.userId) });
  if (who.email !== null) keys.push({ kind: 'email', value: who.email });
  if (who.ipHash !== null) keys.push({ kind: 'address', value: who.ipHash });
  if (keys.length === 0) return undefined;
  return db
    .selectFrom('moderation_bans')
    .select(['id', 'kind'])
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('value', '=', k.value)]))))
    .limit(1)
    .executeTakeFirst();
}

/** A comment with everything a moderator may see. */
export type ModeratedCommentRow = Pick<
  Selectable<CommentsTable>,
  'id' | 'article_id' | 'parent_id' | 'user_id' | 'author_name' | 'author_email' | 'ip_hash' | 'body' | 'html' | 'status' | 'created_at' | 'reasons' | 'scores'
> & {
  article_title: string;
  open_reports: number;
};

const MODERATED_COLUMNS = [
  'comments.id',
  'comments.article_id',
  'comments.parent_id',
  'comments.user_id',
  'comments.author_name',
  'comments.author_email',
  'comments.ip_hash',
  'comments.body',
  'comments.html',
  'comments.status',
  'comments.created_at',
  'comments.reasons',
  'comments.scores',
  'articles.title as article_title',
] as const;

function moderatedQuery(db: Db) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select(MODERATED_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('comment_reports')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('comment_reports.comment_id', '=', 'comments.id')
        .where('comment_reports.resolved_at', 'is', null)
        .as('open_reports'),
    );
}

function normalise(r: Omit<ModeratedCommentRow, 'open_reports'> & { open_reports: number | string | bigint | null }): ModeratedCommentRow {
  return { ...r, open_reports: Number(r.open_reports ?? 0) };
}

export type QueueName = 'pending' | 'spam' | 'reported';

/** The comments of a queue, oldest first (pending, spam) or most reported first. */
export async function listQueue(db: Db, queue: QueueName, limit: number): Promise<ModeratedCommentRow[]> {
  let q = moderatedQuery(db);
  if (queue === 'reported') {
    q = q
      .where((eb) => eb.exists(eb.selectFrom('comment_reports').select('comment_reports.id').whereRef('comment_reports.comment_id', '=', 'comments.id').where('comment_reports.resolved_at', 'is', null)))
      .where('comments.status', 'in', ['published', 'pending'])
      .orderBy('comments.created_at', 'desc');
  } else q = q.where('comments.status', '=', queue).orderBy('comments.created_at', 'asc');
  const rows = await q.orderBy('comments.id').limit(limit).execute();
  return rows.map(normalise);
}

/** How many comments each queue holds. */
export async function countQueues(db: Db): Promise<Record<QueueName, number>> {
  const byStatus = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'spam'])
    .groupBy('status')
    .execute();
  const reported = await db
    .selectFrom('comment_reports')
    .innerJoin('comments', 'comments.id', 'comment_reports.comment_id')
    .select((eb) => eb.fn.count<number>('comment_reports.comment_id').distinct().as('n'))
    .where('comment_reports.resolved_at', 'is', null)
    .where('comments.status', 'in', ['published', 'pending'])
    .executeTakeFirst();
  const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  return { pending: n('pending'), spam: n('spam'), reported: Number(reported?.n ?? 0) };
}

/** One comment with its moderation details. */
export async function findModeratedComment(db: Db, id: number): Promise<ModeratedCommentRow | undefined> {
  const r = await moderatedQuery(db).where('comments.id', '=', id).executeTakeFirst();
  return r ? normalise(r) : undefined;
}

/** The commenter's other comments (same account, email or address), newest first. */
export async function listCommenterHistory(db: Db, c: { id: number; user_id: number | null; author_email: string | null; ip_hash: string | null }, limit: number): Promise<ModeratedCommentRow[]> {
  const rows = await moderatedQuery(db)
    .where('comments.id', '!=', c.id)
    .where((eb) => {
      const ors = [];
      if (c.user_id !== null) ors.push(eb('comments.user_id', '=', c.user_id));
      if (c.author_email !== null) ors.push(eb('comments.author_email', '=', c.author_email));
      if (c.ip_hash !== null) ors.push(eb('comments.ip_hash', '=', c.ip_hash));
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .orderBy('comments.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/** Appends one row to the audit log. */
export async function insertLog(
  db: Db,
  row: { comment_id: number | null; actor_id: number | null; action: string; reason: string | null; previous_status: string | null; status: string | null; target: string | null; created_at: string },
): Promise<void> {
  await db.insertInto('moderation_log').values(row).execute();
}

/** The audit log, newest first, with the actor's name. */
export async function listLog(db: Db, opts: { limit: number; commentIds?: number[] }) {
  let q = db
    .selectFrom('moderation_log')
    .leftJoin('users', 'users.id', 'moderation_log.actor_id')
    .select([
      'moderation_log.id',
      'moderation_log.comment_id',
      'moderation_log.action',
      'moderation_log.reason',
      'moderation_log.previous_status',
      'moderation_log.status',
      'moderation_log.target',
      'moderation_log.created_at',
      'users.name as actor_name',
    ])
    .orderBy('moderation_log.id', 'desc')
    .limit(opts.limit);
  if (opts.commentIds) {
    if (opts.commentIds.length === 0) return [];
    q = q.where('moderation_log.comment_id', 'in', opts.commentIds);
  }
  return q.execute();
}

/** The status a comment had before its last human decision, if any. */
export async function findStatusBeforeLastDecision(db: Db, commentId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('moderation_log')
    .select('previous_status')
    .where('comment_id', '=', commentId)
    .where('action', 'in', ['reject', 'spam', 'auto_hide'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.previous_status ?? undefined;
}

/** Adds a reader's report; false when that reader already reported the comment. */
export async function insertReport(db: Db, r: { comment_id: number; reporter: string; reason: string | null; created_at: string }): Promise<boolean> {
  const res = await db.insertInto('comment_reports').values(r).onConflict((oc) => oc.columns(['comment_id', 'reporter']).doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Open reports of a comment. */
export async function countOpenReports(db: Db, commentId: number): Promise<number> {
  const r = await db
    .selectFrom('comment_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('comment_id', '=', commentId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Closes a comment's open reports (a moderator looked). */
export async function resolveReports(db: Db, commentId: number, now: string): Promise<void> {
  await db.updateTable('comment_reports').set({ resolved_at: now }).where('comment_id', '=', commentId).where('resolved_at', 'is', null).execute();
}

/** Adds a ban. */
export async function insertBan(
  db: Db,
  b: { kind: 'account' | 'email' | 'address'; value: string; label: string; reason: string | null; created_by: number | null; created_at: string; expires_at: string | null },
): Promise<number> {
  const r = await db.insertInto('moderation_bans').values({ ...b, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Bans still in force. */
export async function listActiveBans(db: Db, now: string) {
  return db
    .selectFrom('moderation_bans')
    .select(['id', 'kind', 'label', 'reason', 'created_at', 'expires_at'])
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('id', 'desc')
    .execute();
}

/** Lifts a ban; false when there was no such ban in force. */
export async function revokeBan(db: Db, id: number, now: string): Promise<{ kind: string; label: string } | undefined> {
  const ban = await db.selectFrom('moderation_bans').select(['kind', 'label']).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (!ban) return undefined;
  await db.updateTable('moderation_bans').set({ revoked_at: now }).where('id', '=', id).execute();
  return ban;
}

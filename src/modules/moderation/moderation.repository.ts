import type { Kysely } from 'kysely';
import { COMMENT_STATUSES, type CommenterKey, type CommentStatus } from '../comments/comment';
import type { LogAction } from './moderation';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';

type Db = Kysely<Database>;

export type { CommenterKey } from '../comments/comment';

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

/** The active ban matching each commenter, in one query for them all (a group of new comments). */
export async function findActiveBansOf(db: Db, whos: readonly CommenterKey[], now: string): Promise<({ id: number; kind: string } | undefined)[]> {
  const values = { account: new Set<string>(), email: new Set<string>(), address: new Set<string>() };
  for (const w of whos) {
    if (w.userId !== null) values.account.add(String(w.userId));
    if (w.email !== null) values.email.add(w.email);
    if (w.ipHash !== null) values.address.add(w.ipHash);
  }
  const kinds = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k].size > 0);
  if (kinds.length === 0) return whos.map(() => undefined);
  // Asked for every group of new comments: each shape (the kinds asked, how many of each) compiled once.
  const lists = kinds.map((k) => [...values[k]]);
  const shape = `moderation_bans.of.${kinds.map((k, i) => `${k}:${lists[i]?.length}`).join('.')}`;
  const rows = await runShaped(db, shape, [now, ...kinds.flatMap((k, i) => [k, ...(lists[i] ?? [])])], () =>
    db
      .selectFrom('moderation_bans')
      .select(['id', 'kind', 'value'])
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .where((eb) => eb.or(kinds.map((k, i) => eb.and([eb('kind', '=', k), eb('value', 'in', lists[i] ?? [])])))),
  );
  const ban = (kind: string, value: string | null) => (value === null ? undefined : rows.find((r) => r.kind === kind && r.value === value));
  return whos.map((w) => {
    const found = ban('account', w.userId === null ? null : String(w.userId)) ?? ban('email', w.email) ?? ban('address', w.ipHash);
    return found && { id: found.id, kind: found.kind };
  });
}

/** Open reports of each of these comments (absent: none). */
export async function countOpenReportsOf(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('comment_reports')
    .select(['comment_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('comment_id', 'in', ids)
    .where('resolved_at', 'is', null)
    .groupBy('comment_id')
    .execute();
  return new Map(rows.map((r) => [r.comment_id, Number(r.n)]));
}

/** The comments with open reports. */
export async function listReportedIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('comment_reports').select('comment_id').distinct().where('resolved_at', 'is', null).execute();
  return rows.map((r) => r.comment_id);
}

/**
 * Moderator decisions since `since` on comments the pipeline held (from pending,
 * leaving out comments readers' reports hid), and how many of them were approvals.
 */
export async function countHeldDecisions(db: Db, since: string): Promise<{ decided: number; approved: number }> {
  const r = await db
    .selectFrom('moderation_log')
    .select([(eb) => eb.fn.countAll<number>().as('decided'), (eb) => eb.fn.sum<number>(eb.case().when('action', '=', 'approve').then(1).else(0).end()).as('approved')])
    .where('created_at', '>=', since)
    .where('previous_status', '=', 'pending')
    .where('action', 'in', ['approve', 'reject', 'spam'])
    .where('comment_id', 'is not', null)
    .where('comment_id', 'not in', (eb) => eb.selectFrom('moderation_log as hidden').select('hidden.comment_id').where('hidden.action', '=', 'auto_hide').where('hidden.comment_id', 'is not', null).$castTo<number>())
    .executeTakeFirst();
  return { decided: Number(r?.decided ?? 0), approved: Number(r?.approved ?? 0) };
}

/** Appends one row to the audit log. */
export async function insertLog(
  db: Db,
  row: { comment_id: number | null; actor_id: number | null; action: LogAction; reason: string | null; previous_status: CommentStatus | null; status: CommentStatus | null; target: string | null; created_at: string },
): Promise<void> {
  await db.insertInto('moderation_log').values(row).execute();
}

/** The audit log, newest first, with the actor's id (moderation.log.ts adds their name from accounts). */
export async function listLogRows(db: Db, opts: { limit: number; commentIds?: number[] }) {
  let q = db
    .selectFrom('moderation_log')
    .select([
      'moderation_log.id',
      'moderation_log.comment_id',
      'moderation_log.action',
      'moderation_log.reason',
      'moderation_log.previous_status',
      'moderation_log.status',
      'moderation_log.target',
      'moderation_log.created_at',
      'moderation_log.actor_id',
    ])
    .orderBy('moderation_log.id', 'desc')
    .limit(opts.limit);
  if (opts.commentIds) {
    if (opts.commentIds.length === 0) return [];
    q = q.where('moderation_log.comment_id', 'in', opts.commentIds);
  }
  return q.execute();
}

/** The status a comment had before its last human decision (or the reports that hid it), if any. */
export async function findStatusBeforeLastDecision(db: Db, commentId: number): Promise<CommentStatus | undefined> {
  const actions: LogAction[] = ['reject', 'spam', 'auto_hide'];
  const r = await db
    .selectFrom('moderation_log')
    .select('previous_status')
    .where('comment_id', '=', commentId)
    .where('action', 'in', actions)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return COMMENT_STATUSES.find((s) => s === r?.previous_status);
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

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AutoRuleSwitchesTable } from './moderation.tables';

type Db = Kysely<Database>;

/** A stored switch: the row of moderation.tables.ts's `auto_rule_switches`. */
export type SwitchRow = AutoRuleSwitchesTable;

/**
 * Records a switch unless one is in force on the article: the row is taken only when
 * none exists or the last one ended or was undone. True when this call won, so that
 * concurrent comments on two instances switch (and mail) once.
 */
export async function claimSwitch(db: Db, row: Omit<SwitchRow, 'undone_at' | 'undone_by'>, now: string): Promise<boolean> {
  const r = await db
    .insertInto('auto_rule_switches')
    .values({ ...row, undone_at: null, undone_by: null })
    .onConflict((oc) =>
      oc
        .column('article_id')
        .doUpdateSet({ ...row, undone_at: null, undone_by: null })
        .where((eb) => eb.or([eb('auto_rule_switches.ends_at', '<=', now), eb('auto_rule_switches.undone_at', 'is not', null)])),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The article's current or last switch, if it ever had one. */
export async function findSwitch(db: Db, articleId: number): Promise<SwitchRow | undefined> {
  return db.selectFrom('auto_rule_switches').selectAll().where('article_id', '=', articleId).executeTakeFirst();
}

/** The switches in force now (not ended, not undone). */
export async function listActiveSwitches(db: Db, now: string, articleIds?: number[]): Promise<SwitchRow[]> {
  let q = db.selectFrom('auto_rule_switches').selectAll().where('ends_at', '>', now).where('undone_at', 'is', null);
  if (articleIds) {
    if (articleIds.length === 0) return [];
    q = q.where('article_id', 'in', articleIds);
  }
  return q.orderBy('started_at', 'desc').execute();
}

/** Marks the switch in force on an article undone; false when there was none. */
export async function markUndone(db: Db, articleId: number, by: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('auto_rule_switches')
    .set({ undone_at: now, undone_by: by })
    .where('article_id', '=', articleId)
    .where('ends_at', '>', now)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How many of these comments have an open report. */
export async function countReported(db: Db, commentIds: number[]): Promise<number> {
  if (commentIds.length === 0) return 0;
  const rows = await db.selectFrom('comment_reports').select('comment_id').distinct().where('comment_id', 'in', commentIds).where('resolved_at', 'is', null).execute();
  return rows.length;
}

export interface PreferencesRow {
  user_id: number;
  rule_alerts: number;
  digest: number;
  digest_sent_at: string | null;
}

export async function findPreferences(db: Db, userId: number): Promise<PreferencesRow | undefined> {
  return db.selectFrom('moderator_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertPreferences(db: Db, userId: number, p: { rule_alerts: number; digest: number }): Promise<void> {
  await db
    .insertInto('moderator_preferences')
    .values({ user_id: userId, ...p, digest_sent_at: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(p))
    .execute();
}

/** Those who asked for rule alerts, or for the digest. */
export async function listOptedIn(db: Db, what: 'rule_alerts' | 'digest'): Promise<PreferencesRow[]> {
  return db.selectFrom('moderator_preferences').selectAll().where(what, '=', 1).execute();
}

/** Takes this hour's digest for one moderator: false if one went out less than an hour ago (another instance). */
export async function claimDigest(db: Db, userId: number, now: string, hourAgo: string): Promise<boolean> {
  const r = await db
    .updateTable('moderator_preferences')
    .set({ digest_sent_at: now })
    .where('user_id', '=', userId)
    .where('digest', '=', 1)
    .where((eb) => eb.or([eb('digest_sent_at', 'is', null), eb('digest_sent_at', '<=', hourAgo)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

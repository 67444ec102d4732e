import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';

/** The current version of a learned model (0 when it never learnt anything). */
export async function findModelVersion(db: Kysely<Database>, model: string): Promise<{ version: number; decisions: number }> {
  const r = await db.selectFrom('moderation_models').select(['version', 'decisions']).where('model', '=', model).executeTakeFirst();
  return r ? { version: Number(r.version), decisions: Number(r.decisions) } : { version: 0, decisions: 0 };
}

/** The current versions of several learned models in one read (a model that never learnt anything is left out: 0). */
export async function findModelVersions(db: Kysely<Database>, models: readonly string[]): Promise<Map<string, number>> {
  const list = [...models];
  // Asked for every group of new comments: compiled once per number of models.
  const rows = await runShaped(db, `moderation_models.versions.${list.length}`, list, () => db.selectFrom('moderation_models').select(['model', 'version']).where('model', 'in', list));
  return new Map(rows.map((r) => [r.model, Number(r.version)]));
}

/** Weight changes made after a version (all of them from version 0). */
export async function listWeightsSince(db: Kysely<Database>, model: string, version: number): Promise<{ feature: string; delta: number }[]> {
  const rows = await db.selectFrom('moderation_weights').select(['feature', 'delta']).where('model', '=', model).where('version', '>', version).execute();
  return rows.map((r) => ({ feature: r.feature, delta: Number(r.delta) }));
}

/**
 * Records one lesson in the caller's transaction: bumps the model's version and
 * adds each change to its feature's weight (an increment, so lessons from two
 * instances at once both count).
 */
export async function addWeightChanges(db: Kysely<Database>, model: string, changes: Map<string, number>, now: string): Promise<number> {
  await db
    .insertInto('moderation_models')
    .values({ model, version: 1, decisions: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column('model').doUpdateSet((eb) => ({ version: eb('moderation_models.version', '+', 1), decisions: eb('moderation_models.decisions', '+', 1), updated_at: now })),
    )
    .execute();
  const { version } = await findModelVersion(db, model);
  const rows = [...changes].map(([feature, delta]) => ({ model, feature, delta, version }));
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('moderation_weights')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['model', 'feature']).doUpdateSet((eb) => ({ delta: eb('moderation_weights.delta', '+', eb.ref('excluded.delta')), version })),
      )
      .execute();
  }
  return version;
}

/**
 * The standing moderator decision of each decided comment (its latest approve,
 * reject, spam or restore in the audit log), the newest `limit` comments.
 */
export async function listLatestDecisions(db: Kysely<Database>, limit: number): Promise<{ commentId: number; action: string }[]> {
  const rows = await db
    .selectFrom('moderation_log')
    .select(['comment_id', 'action'])
    .where('action', 'in', ['approve', 'reject', 'spam', 'restore'])
    .where('comment_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(limit * 2)
    .execute();
  const latest = new Map<number, string>();
  for (const r of rows) if (r.comment_id !== null && !latest.has(r.comment_id)) latest.set(r.comment_id, r.action);
  return [...latest].slice(0, limit).map(([commentId, action]) => ({ commentId, action }));
}

/**
 * Replaces what a model learnt by a refit's weights, in one transaction: every
 * feature it had is reset, the refit's set, under a new version (so every
 * instance reloads them all: the reset rows carry the new version too). Run it in a write transaction.
 */
export async function replaceWeights(trx: Kysely<Database>, model: string, weights: ReadonlyMap<string, number>, now: string): Promise<void> {
  await trx
    .insertInto('moderation_models')
    .values({ model, version: 1, decisions: 0, updated_at: now })
    .onConflict((oc) => oc.column('model').doUpdateSet((eb) => ({ version: eb('moderation_models.version', '+', 1), updated_at: now })))
    .execute();
  const { version } = await findModelVersion(trx, model);
  await trx.updateTable('moderation_weights').set({ delta: 0, version }).where('model', '=', model).execute();
  const rows = [...weights].map(([feature, delta]) => ({ model, feature, delta, version }));
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('moderation_weights')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['model', 'feature']).doUpdateSet((eb) => ({ delta: eb.ref('excluded.delta'), version })))
      .execute();
  }
}

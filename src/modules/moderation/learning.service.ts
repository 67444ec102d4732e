import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import type { FeatureVector } from './classifier/features';
import { logit, sigmoid } from './classifier/logistic';
import { shippedModel, type ModelName } from './classifier/models';
import { addWeightChanges, findModelVersion, listWeightsSince } from './learning.repository';

/**
 * Learning from this site's moderators. The shipped model stays as trained; what
 * the site teaches it lives in the database as per-feature weight changes, so
 * every instance sees a lesson on its next comment (the database is the truth).
 * Each instance keeps the changes in memory and reloads only what is newer than
 * the version it has.
 */
interface Learned {
  version: number;
  deltas: Map<string, number>;
}

/** One process's copy of the learned weights, per model: held in Deps (createDeps). */
export type LearnedCache = Map<ModelName, Learned>;

export function createLearnedCache(): LearnedCache {
  return new Map();
}

/** The site's weight changes of a model, brought up to date with the database. */
export async function learnedWeights(deps: Pick<Deps, 'db' | 'learned'>, model: ModelName): Promise<ReadonlyMap<string, number>> {
  const perModel = deps.learned;
  const mine = perModel.get(model) ?? { version: 0, deltas: new Map<string, number>() };
  perModel.set(model, mine);
  const { version } = await findModelVersion(deps.db, model);
  if (version < mine.version) {
    // The database was reset under us (tests, restore): start again.
    mine.version = 0;
    mine.deltas.clear();
  }
  if (version > mine.version) {
    for (const r of await listWeightsSince(deps.db, model, mine.version)) mine.deltas.set(r.feature, r.delta);
    mine.version = version;
  }
  return mine.deltas;
}

const logOdds = (p: number) => Math.log(p / (1 - p));

/**
 * Log-odds wanted after a lesson: a refused comment must score at least 0.73
 * and half a unit above the model's holding threshold; an approved one at most
 * 0.12 and a unit and a half below its lowest threshold.
 */
function targets(model: ModelName): { unwanted: number; wanted: number } {
  const m = shippedModel(model);
  return { unwanted: Math.max(1, logOdds(m.hold) + 0.5), wanted: Math.min(-2, logOdds(m.holdBacked ?? m.hold) - 1.5) };
}
/** The most one lesson may move a comment's log-odds, so one odd decision cannot swing the model. */
const MAX_STEP = 2;

/**
 * Plans the lesson of one moderator decision (passive-aggressive update): when
 * the model already agrees with enough margin there is nothing to learn;
 * otherwise the smallest change of the comment's feature weights that brings its
 * score to the target. Read outside the decision's transaction; recorded inside it.
 */
export async function planLesson(deps: Pick<Deps, 'db' | 'learned'>, model: ModelName, x: FeatureVector, unwanted: boolean): Promise<Map<string, number> | undefined> {
  const deltas = await learnedWeights(deps, model);
  const z = logit(shippedModel(model), x, deltas);
  const target = targets(model);
  const gap = (unwanted ? target.unwanted : target.wanted) - z;
  if ((unwanted && gap <= 0) || (!unwanted && gap >= 0) || x.size === 0) return undefined;
  const step = Math.max(-MAX_STEP, Math.min(MAX_STEP, gap));
  let norm2 = 0;
  for (const v of x.values()) norm2 += v * v;
  const changes = new Map<string, number>();
  for (const [f, v] of x) changes.set(f, (step * v) / norm2);
  return changes;
}

/** Records a planned lesson in the decision's transaction. */
export async function recordLesson(db: Kysely<Database>, model: ModelName, changes: Map<string, number>, now: string): Promise<void> {
  await addWeightChanges(db, model, changes, now);
}

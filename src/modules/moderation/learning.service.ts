import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import type { FeatureVector } from './classifier/features';
import { logit, sigmoid } from './classifier/logistic';
import { shippedModel, type ModelName, type ShippedModel } from './classifier/models';
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

const learnedByDb = new WeakMap<object, Map<ModelName, Learned>>();

/** The site's weight changes of a model, brought up to date with the database. */
export async function learnedWeights(deps: Pick<Deps, 'db'>, model: ModelName): Promise<ReadonlyMap<string, number>> {
  let perModel = learnedByDb.get(deps.db);
  if (!perModel) learnedByDb.set(deps.db, (perModel = new Map()));
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
 * 0.12 and a unit and a half below it.
 */
function targets(model: ModelName): { unwanted: number; wanted: number } {
  const m = shippedModel(model);
  return { unwanted: Math.max(1, logOdds(m.hold) + 0.5), wanted: Math.min(-2, logOdds(m.hold) - 1.5) };
}
/** The most one lesson may move a comment's log-odds, so one odd decision cannot swing the model. */
const MAX_STEP = 2;
/** The most one lesson may change one feature's weight: a lone rare word is a hint, not a verdict. */
const MAX_FEATURE_CHANGE = 3;

/**
 * How specific a feature is, 0 to 1: (log(N/df) / log N)², where df is how many
 * of the N training comments contain it. A word or fragment every comment has
 * ("le", " de ", "the") is near 0, so no lesson can make it toxic; a rare word
 * is near 1 (features seen fewer than 5 times are not listed: df 1).
 */
export function specificity(model: ShippedModel, feature: string): number {
  const n = model.docCount;
  if (n < 2) return 1;
  const df = Math.max(1, model.docFreq.get(feature) ?? 1);
  const s = Math.log(n / df) / Math.log(n);
  return Math.max(0, Math.min(1, s)) ** 2;
}

/**
 * Plans the lesson of one moderator decision: when the model already agrees
 * with enough margin there is nothing to learn; otherwise the smallest change
 * of the comment's feature weights, each weighed by its specificity, that
 * brings its score to the target (a passive-aggressive update in the metric of
 * specificity). So rejecting "les migrants, des rats" teaches "rats" and the
 * pair, not "les": a handful of rejections cannot make common words toxic.
 * Read outside the decision's transaction; recorded inside it.
 */
export async function planLesson(deps: Pick<Deps, 'db'>, model: ModelName, x: FeatureVector, unwanted: boolean): Promise<Map<string, number> | undefined> {
  const deltas = await learnedWeights(deps, model);
  const m = shippedModel(model);
  const z = logit(m, x, deltas);
  const target = targets(model);
  const gap = (unwanted ? target.unwanted : target.wanted) - z;
  if ((unwanted && gap <= 0) || (!unwanted && gap >= 0) || x.size === 0) return undefined;
  const step = Math.max(-MAX_STEP, Math.min(MAX_STEP, gap));
  const spec = new Map<string, number>();
  let norm2 = 0;
  for (const [f, v] of x) {
    const sp = specificity(m, f);
    spec.set(f, sp);
    norm2 += v * v * sp;
  }
  if (norm2 <= 0) return undefined;
  const changes = new Map<string, number>();
  for (const [f, v] of x) {
    const c = (step * v * (spec.get(f) as number)) / norm2;
    if (Math.abs(c) >= 1e-4) changes.set(f, Math.max(-MAX_FEATURE_CHANGE, Math.min(MAX_FEATURE_CHANGE, c)));
  }
  return changes.size ? changes : undefined;
}

/** Records a planned lesson in the decision's transaction. */
export async function recordLesson(db: Kysely<Database>, model: ModelName, changes: Map<string, number>, now: string): Promise<void> {
  await addWeightChanges(db, model, changes, now);
}

/** The model's probability for a comment: shipped weights alone, and with what the site taught it. */
export async function scoreWithLearning(deps: Pick<Deps, 'db'>, model: ModelName, x: FeatureVector): Promise<{ base: number; learned: number }> {
  const m = shippedModel(model);
  const deltas = await learnedWeights(deps, model);
  return { base: sigmoid(logit(m, x)), learned: sigmoid(logit(m, x, deltas)) };
}

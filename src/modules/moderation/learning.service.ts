import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import type { FeatureVector } from './classifier/features';
import { calibrate, DEFAULT_FALSE_HOLD_BUDGET, REVIEW_SHARE, RULE_HELD_SCORE, thresholdsFromTable, type Thresholds } from './classifier/calibration';
import { logit, sigmoid } from './classifier/logistic';
import type { Pause } from './classifier/refit';
import { featuresFor, shippedModel, type ModelName, type ShippedModel } from './classifier/models';
import { addWeightChanges, findModelVersion, findModelVersions, listWeightsSince } from './learning.repository';
import { heldByTextRules } from './rule-holds';

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
  const { version } = await findModelVersion(deps.db, model);
  return learnedAt(deps, model, version);
}

/** The site's weight changes of several models, their versions read in one statement. */
export async function learnedWeightsOf(deps: Pick<Deps, 'db' | 'learned'>, models: readonly ModelName[]): Promise<Map<ModelName, ReadonlyMap<string, number>>> {
  const versions = await findModelVersions(deps.db, models);
  const out = new Map<ModelName, ReadonlyMap<string, number>>();
  for (const model of models) out.set(model, await learnedAt(deps, model, versions.get(model) ?? 0));
  return out;
}

/** This process's copy of a model's weight changes, brought up to the version the database holds. */
async function learnedAt(deps: Pick<Deps, 'db' | 'learned'>, model: ModelName, version: number): Promise<ReadonlyMap<string, number>> {
  const perModel = deps.learned;
  const mine = perModel.get(model) ?? { version: 0, deltas: new Map<string, number>() };
  perModel.set(model, mine);
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

/**
 * The version of the weights this process holds for a model (`learnedWeights` returns
 * them; 0 before any): the site's calibration tells by it which thresholds measured them.
 */
export function learnedVersion(deps: Pick<Deps, 'learned'>, model: ModelName): number {
  return deps.learned.get(model)?.version ?? 0;
}

const logOdds = (p: number) => Math.log(Math.max(1e-6, Math.min(1 - 1e-6, p)) / (1 - Math.max(1e-6, Math.min(1 - 1e-6, p))));

/**
 * Log-odds wanted after a lesson, at the default budget: a refused comment half
 * a unit above the holding threshold, an approved one half a unit below the
 * review threshold. An approved comment that was not even listed teaches
 * nothing: pushing every legitimate comment far down drags down the abuse that
 * shares its words.
 */
export function lessonTargets(model: ModelName): { unwanted: number; wanted: number; listed: number } {
  const m = shippedModel(model);
  const t = thresholdsFromTable(m.tail, DEFAULT_FALSE_HOLD_BUDGET * m.budgetShare, REVIEW_SHARE * m.budgetShare);
  return { unwanted: logOdds(t.hold) + 0.5, wanted: logOdds(t.review) - 0.5, listed: logOdds(t.review) };
}
/** The most one lesson may move a comment's log-odds, so one odd decision cannot swing the model. */
const MAX_STEP = 1;
/** The most one lesson may change one feature's weight: a lone rare word is a hint, not a verdict. */
const MAX_FEATURE_CHANGE = 3;

/** Sharpness of specificity: at 4, a word in 1 % of comments counts 0.1, one in 0.1 % 0.3, a unique one 1. */
const SPECIFICITY_POWER = 4;

/**
 * How specific a feature is, 0 to 1: (log(N/df) / log N)^SPECIFICITY_POWER, where df is how many
 * of the N training comments contain it. A word or fragment every comment has
 * ("le", " de ", "the") is near 0, so no lesson can make it toxic; a rare word
 * is near 1 (features seen fewer than 5 times are not listed: df 1). The
 * lexicon's signals and shape markers are 0.
 */
export function specificity(model: ShippedModel, feature: string): number {
  // The harm lexicon's signals and the shape markers are generic by design, their weights
  // fitted on thousands of comments: a site's handful of decisions teaches words, not them.
  if (feature.startsWith('h:') || feature.startsWith('m:')) return 0;
  const n = model.docCount;
  if (n < 2) return 1;
  const of = (f: string) => Math.max(0, Math.min(1, Math.log(n / Math.max(1, model.docFreq.get(f) ?? 1)) / Math.log(n))) ** SPECIFICITY_POWER;
  const s = of(feature);
  // A pair of common words ("le dire", "les gens") is no more specific than its rarer word,
  // even when the pair itself was rare in training.
  const pair = /^b:([^_]+)_(.+)$/.exec(feature);
  return pair ? Math.min(s, Math.max(of(`w:${pair[1]}`), of(`w:${pair[2]}`))) : s;
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
export async function planLesson(deps: Pick<Deps, 'db' | 'learned'>, model: ModelName, x: FeatureVector, unwanted: boolean): Promise<Map<string, number> | undefined> {
  const deltas = await learnedWeights(deps, model);
  const m = shippedModel(model);
  const z = logit(m, x, deltas);
  const target = lessonTargets(model);
  const gap = (unwanted ? target.unwanted : target.wanted) - z;
  if ((unwanted && gap <= 0) || (!unwanted && (gap >= 0 || z < target.listed)) || x.size === 0) return undefined;
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
export async function scoreWithLearning(deps: Pick<Deps, 'db' | 'learned'>, model: ModelName, x: FeatureVector): Promise<{ base: number; learned: number }> {
  const m = shippedModel(model);
  const deltas = await learnedWeights(deps, model);
  return { base: sigmoid(logit(m, x)), learned: sigmoid(logit(m, x, deltas)) };
}

/**
 * A model's review and hold thresholds recalibrated on this site's own legitimate
 * comments (those its moderators approved, and published ones that stayed
 * unreported and unremoved): each scored by the model as this site taught it —
 * a decided one by the refit fitted without it (`outOfFold`, refit.service.ts:
 * scored by weights it taught, an approved comment would look safer than the
 * next one) — so that at most the budget of them would be held. Fewer than MIN_SITE_LEGITIMATE:
 * the shipped calibration (classifier/calibration.ts `calibrate`).
 */
export async function siteThresholds(
  deps: Pick<Deps, 'db' | 'learned'>,
  model: ModelName,
  budget: number,
  legitimateBodies: readonly string[],
  outOfFold: (i: number) => ReadonlyMap<string, number> | undefined = () => undefined,
): Promise<Thresholds> {
  const deltas = await learnedWeights(deps, model);
  return thresholdsFromScores(model, budget, await legitimateScores(model, legitimateBodies, deltas, outOfFold));
}

/**
 * The scores of the site's legitimate comments by the model with `deltas` (a decided
 * one with its `outOfFold` weights), handing the event loop back between slices of
 * work (`pause`): thousands of comments take a good fraction of a second.
 */
export async function legitimateScores(
  model: ModelName,
  legitimateBodies: readonly string[],
  deltas: ReadonlyMap<string, number>,
  outOfFold: (i: number) => ReadonlyMap<string, number> | undefined = () => undefined,
  pause: Pause = () => undefined,
): Promise<number[]> {
  const m = shippedModel(model);
  // The toxicity model pays for what the rule phases hold, as in the shipped calibration.
  const paysForRules = model === 'toxicity';
  const scores: number[] = [];
  for (const [i, b] of legitimateBodies.entries()) {
    scores.push(paysForRules && heldByTextRules(b) ? RULE_HELD_SCORE : sigmoid(logit(m, featuresFor(model, b), outOfFold(i) ?? deltas)));
    await pause();
  }
  return scores;
}

/** The thresholds at a budget from the legitimate comments' scores (`legitimateScores`): a sort, no scoring. */
export function thresholdsFromScores(model: ModelName, budget: number, scores: readonly number[]): Thresholds {
  const m = shippedModel(model);
  const own = calibrate(m.tail, budget * m.budgetShare, scores, REVIEW_SHARE * m.budgetShare);
  // One-sided: a site's calibration may hold fewer than the shipped one, never more. Its
  // legitimate comments are those of a period (a calm month, one kind of story); lowering `hold`
  // on them held 7 % of the corpus's later French comments after 300 decisions.
  const shipped = calibrate(m.tail, budget * m.budgetShare, [], REVIEW_SHARE * m.budgetShare);
  const hold = Math.max(own.hold, shipped.hold);
  return { hold, review: Math.min(own.review, hold) };
}

import { createHash } from 'node:crypto';
import type { Deps } from '../../deps';
import { COMMENT_STATUSES } from '../comments/comment';
import { reviewAmong } from '../comments/comment.review';
import { foldText } from './classifier/features';
import { featuresFor, shippedModel, type ModelName } from './classifier/models';
import { fitDeltasInSlices, timeSlicer, type Decided, type Pause, type RefitOptions } from './classifier/refit';
import { learnedWeights, lessonTargets, specificity } from './learning.service';
import { findModelVersion, listLatestDecisions, replaceWeights } from './learning.repository';

/**
 * A periodic refit of what the site taught its models: over all of its decided
 * comments at once (their texts in the comments table, the decisions in the
 * audit log), weight changes on top of the shipped model, pulled toward none by
 * a prior scaled by each feature's specificity. It replaces the lessons learnt
 * one decision at a time (which keep adding up between refits) in
 * `moderation_weights`, under a new version, so every instance picks it up on
 * its next comment. It runs with the site's calibration (site-calibration.service.ts),
 * in the background: on the first comment after start and on the first after every
 * RECALIBRATE_EVERY decisions; no comment waits for it.
 *
 * The same fit, K times with a fold of the decided comments left out, scores each
 * decided comment with a model that was not fitted on it: the site's calibration
 * reads those out-of-fold scores, not the optimistic in-sample ones.
 */

/** Folds of the cross-fitting. */
export const REFIT_FOLDS = 5;
/** Below this many decided comments for a model, its lessons stay as they were learnt. */
export const MIN_REFIT_DECISIONS = 20;
/** The newest decided comments a refit reads: enough to generalize, bounded in time. */
export const MAX_REFIT_DECISIONS = 5000;
/**
 * Strength of the prior (see classifier/refit.ts). Chosen on simulated streams: 0.3 taught
 * little, 0.03 listed a quarter of the legitimate comments (docs/moderation.md).
 */
export const REFIT_L2 = 0.1;

export const REFIT_MODELS: readonly ModelName[] = ['spam', 'toxicity'];

/** What a decision teaches each model: 1 unwanted, 0 wanted, absent nothing (as the lessons: decision.service.ts). */
function labelOf(model: ModelName, action: string): 0 | 1 | undefined {
  if (action === 'approve') return 0;
  if (model === 'spam') return action === 'spam' ? 1 : undefined;
  return action === 'reject' ? 1 : undefined;
}

/** The status a standing decision leaves a comment in: a comment moved since (reports, deletion) is left out. */
const STATUS_OF: Record<string, string> = { approve: 'published', reject: 'rejected', spam: 'spam' };

/** The cross-fitting fold of a comment, by its folded text (variants share a fold). */
export function refitFold(body: string): number {
  return createHash('sha256').update(foldText(body).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).digest().readUInt32BE(0) % REFIT_FOLDS;
}

/** A model's refit: the weights every instance uses, and the per-comment weights of the cross-fitting. */
export interface ModelRefit {
  weights: Map<string, number>;
  /** Decided comment id → the weights fitted without its fold. */
  outOfFold: Map<number, ReadonlyMap<string, number>>;
}

export type SiteRefit = Map<ModelName, ModelRefit>;

/** The site's decided comments, with their standing decision. */
export async function decidedComments(deps: Deps): Promise<{ id: number; body: string; action: string }[]> {
  const decisions = (await listLatestDecisions(deps.db, MAX_REFIT_DECISIONS)).filter((d) => d.action in STATUS_OF);
  const rows = await reviewAmong(deps, decisions.map((d) => d.commentId), [...COMMENT_STATUSES], MAX_REFIT_DECISIONS);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: { id: number; body: string; action: string }[] = [];
  for (const d of decisions) {
    const r = byId.get(d.commentId);
    if (r && r.status === STATUS_OF[d.action]) out.push({ id: r.id, body: r.body, action: d.action });
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The refit's options for a model: the lessons' targets as margins, the prior REFIT_L2. */
export function refitOptions(model: ModelName): RefitOptions {
  return { l2: REFIT_L2, epochs: 15, learningRate: 0.3, targets: lessonTargets(model) };
}

/** One fit of a model's decided comments, in slices (`pause`: the event loop goes between). */
function fit(model: ModelName, data: readonly Decided[], pause: Pause): Promise<Map<string, number>> {
  const m = shippedModel(model);
  return fitDeltasInSlices(m, data, (f) => specificity(m, f), refitOptions(model), pause);
}

/** Whether two sets of weights are the same (to the stored precision). */
export function sameWeights(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  for (const [f, d] of a) if (Math.abs((b.get(f) ?? 0) - d) > 1e-5) return false;
  for (const [f, d] of b) if (Math.abs((a.get(f) ?? 0) - d) > 1e-5) return false;
  return true;
}

/** A model's refit and its REFIT_FOLDS cross-fits, over rows already read. */
export async function fitModel(model: ModelName, rows: readonly (Decided & { id: number; fold: number })[], pause: Pause): Promise<ModelRefit> {
  const weights = await fit(model, rows, pause);
  const outOfFold = new Map<number, ReadonlyMap<string, number>>();
  for (let k = 0; k < REFIT_FOLDS; k++) {
    const without = await fit(model, rows.filter((r) => r.fold !== k), pause);
    for (const r of rows) if (r.fold === k) outOfFold.set(r.id, without);
  }
  return { weights, outOfFold };
}

/**
 * Refits each model the site teaches over its decided comments, in memory: nothing
 * is stored (`storeRefit`). Seconds of work for thousands of decisions, cut into
 * slices of at most a few ms (`pause`, classifier/refit.ts `timeSlicer`).
 */
export async function fitSite(deps: Deps, pause: Pause = timeSlicer()): Promise<SiteRefit> {
  const decided = await decidedComments(deps);
  const out: SiteRefit = new Map();
  for (const model of REFIT_MODELS) {
    const rows: (Decided & { id: number; fold: number })[] = [];
    for (const c of decided) {
      const y = labelOf(model, c.action);
      if (y !== undefined) rows.push({ id: c.id, fold: refitFold(c.body), x: featuresFor(model, c.body), y });
      await pause();
    }
    if (rows.length >= MIN_REFIT_DECISIONS) out.set(model, await fitModel(model, rows, pause));
  }
  return out;
}

/**
 * Stores the weights of the models whose refit changed them (another instance may
 * have stored the same refit already), all in one transaction: they replace what
 * the models learnt, each under a new version. `written` hears each version before
 * the commit (site-calibration.service.ts tags its thresholds with it).
 */
export async function storeRefit(deps: Deps, weights: ReadonlyMap<ModelName, ReadonlyMap<string, number>>, written: (model: ModelName, version: number) => void = () => undefined): Promise<void> {
  if (weights.size === 0) return;
  const now = deps.clock.now().toISOString();
  await deps.dialect.writeTransaction(deps.db, async (trx) => {
    for (const [model, w] of weights) {
      await replaceWeights(trx, model, w, now);
      written(model, (await findModelVersion(trx, model)).version);
    }
  });
}

/** Refits the site's models and stores what changed (site-calibration.service.ts does both, in the background). */
export async function refitSite(deps: Deps): Promise<SiteRefit> {
  const refit = await fitSite(deps);
  const changed = new Map<ModelName, ReadonlyMap<string, number>>();
  for (const [model, r] of refit) if (!sameWeights(r.weights, await learnedWeights(deps, model))) changed.set(model, r.weights);
  await storeRefit(deps, changed);
  return refit;
}

import type { Deps } from '../../deps';
import { legitimateComments } from '../comments/comment.review';
import { MIN_SITE_LEGITIMATE, type Thresholds } from './classifier/calibration';
import type { ModelName } from './classifier/models';
import { timeSlicer } from './classifier/refit';
import { learnedVersion, learnedWeights, legitimateScores, thresholdsFromScores } from './learning.service';
import { listReportedIds } from './moderation.repository';
import { fitSite, REFIT_MODELS, sameWeights, storeRefit } from './refit.service';

/**
 * The models' thresholds recalibrated on this site's own legitimate comments
 * (learning.service.ts `thresholdsFromScores`), with the refit of its decisions
 * (refit.service.ts). Seconds of work for thousands of comments: it runs in the
 * background, one at a time per process, on the first comment after start and on
 * the first after every RECALIBRATE_EVERY moderator decisions. No comment waits for
 * it: each uses the calibration in force (none right after start: the shipped one),
 * and a finished refresh replaces it at once.
 *
 * Weights and thresholds change together. The weights live in the database
 * (`moderation_weights`, versioned); a refresh's thresholds measure the model with
 * the refit's weights, so they are tagged, per model, with the version under which
 * those weights are stored, and apply to a comment scored with that version or a
 * later one (lessons keep adding up on top, by design, until the next refresh). A
 * comment scored with older weights (read before the refit's commit) gets the
 * previous thresholds. The phase reads the weights first, then the thresholds in the
 * same synchronous stretch (phases/content.ts), by the version this process holds.
 */
interface CalibrationState {
  /** Per model: the weights version from which these thresholds apply (Infinity until the refit's weights are committed). */
  from: Map<ModelName, number>;
  /** Per model: its scores of the legitimate comments; undefined under MIN_SITE_LEGITIMATE of them. */
  scores: Map<ModelName, number[] | undefined>;
  /** Thresholds per model and budget, from the scores. */
  thresholds: Map<string, Thresholds | undefined>;
}

export interface SiteCalibration {
  /** The calibration in force, and the one before it (for comments scored with the weights before the refit). */
  current: CalibrationState | undefined;
  previous: CalibrationState | undefined;
  /** The refresh under way. */
  running: Promise<void> | undefined;
  /** A refresh is due (at start, after RECALIBRATE_EVERY decisions, after a failure). */
  stale: boolean;
  /** After a failed refresh, none starts before this time (ms since the epoch). */
  retryAt: number;
  decisionsSinceReset: number;
  /** Awaited by a refresh before it puts its result in force (tests hold it open, or make it fail). */
  beforeInstall?: (() => Promise<void>) | undefined;
}

/** Moderator decisions between two recalibrations. */
export const RECALIBRATE_EVERY = 50;
/** After a failed refresh, the time before the next try. */
export const RETRY_AFTER_MS = 60_000;
/** A published comment nobody reported or removed for this long counts as legitimate. */
export const SETTLED_DAYS = 7;
/** The most legitimate comments scored (the newest): enough for a 1 % tail, bounded in time. */
export const MAX_LEGITIMATE = 5000;

export function createSiteCalibration(): SiteCalibration {
  return { current: undefined, previous: undefined, running: undefined, stale: true, retryAt: 0, decisionsSinceReset: 0 };
}

/** Forgets what was computed (the shipped calibration applies) and makes a refresh due. */
export function resetSiteCalibration(c: SiteCalibration): void {
  c.current = undefined;
  c.previous = undefined;
  c.stale = true;
  c.retryAt = 0;
  c.decisionsSinceReset = 0;
}

/** Counts a moderator decision; every RECALIBRATE_EVERY of them a refresh is due (on the next comment). */
export function noteModeratorDecision(deps: Pick<Deps, 'calibration'>): void {
  deps.calibration.decisionsSinceReset++;
  if (deps.calibration.decisionsSinceReset >= RECALIBRATE_EVERY) {
    deps.calibration.stale = true;
    deps.calibration.decisionsSinceReset = 0;
  }
}

/** The site's legitimate comments: approved by a moderator, or published SETTLED_DAYS ago and never reported. */
export async function siteLegitimateBodies(deps: Deps): Promise<{ id: number; body: string }[]> {
  const settledBefore = new Date(deps.clock.now().getTime() - SETTLED_DAYS * 86_400_000).toISOString();
  const [rows, reported] = await Promise.all([legitimateComments(deps, settledBefore, MAX_LEGITIMATE), listReportedIds(deps.db)]);
  const open = new Set(reported);
  return rows.filter((r) => r.approved || !open.has(r.id)).map((r) => ({ id: r.id, body: r.body }));
}

/**
 * A model's thresholds for this site at this budget, for the weights this process
 * holds (read them first: `learnedWeights`), or undefined — the shipped calibration —
 * while no refresh measured them, while the site has fewer than MIN_SITE_LEGITIMATE
 * legitimate comments, and for models the site cannot teach. Never waits: starts a
 * refresh in the background when one is due.
 */
export function siteCalibratedThresholds(deps: Deps, model: ModelName, budget: number): Promise<Thresholds | undefined> {
  startRefreshIfDue(deps);
  const c = deps.calibration;
  const version = learnedVersion(deps, model);
  const state = [c.current, c.previous].find((s) => s !== undefined && version >= (s.from.get(model) ?? Infinity));
  if (!state) return Promise.resolve(undefined);
  const key = `${model}:${budget}`;
  if (!state.thresholds.has(key)) {
    const scores = state.scores.get(model);
    state.thresholds.set(key, scores ? thresholdsFromScores(model, budget, scores) : undefined);
  }
  return Promise.resolve(state.thresholds.get(key));
}

/** Starts a refresh when one is due, none is running, and the last failure is far enough behind. */
function startRefreshIfDue(deps: Deps): void {
  const c = deps.calibration;
  if (!c.stale || c.running || deps.clock.now().getTime() < c.retryAt) return;
  c.stale = false;
  c.running = refresh(deps)
    .catch((err: unknown) => {
      // The calibration in force stays; the refresh is tried again later, not on every comment.
      c.stale = true;
      c.retryAt = deps.clock.now().getTime() + RETRY_AFTER_MS;
      deps.log.warn({ err }, 'site calibration refresh failed: the previous one stays in force');
    })
    .finally(() => {
      c.running = undefined;
    });
}

/**
 * Resolves once no refresh is running or due (one due is started; a failed one is
 * not retried before RETRY_AFTER_MS): for the evaluation script and tests.
 */
export async function siteCalibrationSettled(deps: Deps): Promise<void> {
  for (;;) {
    startRefreshIfDue(deps);
    if (!deps.calibration.running) return;
    await deps.calibration.running;
  }
}

/**
 * Refits the site's models, scores its legitimate comments with them (in slices:
 * the event loop goes between), then puts thresholds and weights in force together.
 */
async function refresh(deps: Deps): Promise<void> {
  const c = deps.calibration;
  const pause = timeSlicer();
  const refit = await fitSite(deps, pause);
  const bodies = await siteLegitimateBodies(deps);
  const texts = bodies.map((b) => b.body);
  const state: CalibrationState = { from: new Map(), scores: new Map(), thresholds: new Map() };
  const changed = new Map<ModelName, ReadonlyMap<string, number>>();
  for (const model of REFIT_MODELS) {
    const r = refit.get(model);
    // A copy: the process's weights change in place as lessons arrive.
    let deltas: ReadonlyMap<string, number> = new Map(await learnedWeights(deps, model));
    state.from.set(model, learnedVersion(deps, model));
    if (r && !sameWeights(r.weights, deltas)) {
      deltas = r.weights;
      changed.set(model, r.weights);
      state.from.set(model, Infinity);
    }
    // Each decided comment is scored by the refit that was not fitted on it.
    const outOfFold = (i: number) => r?.outOfFold.get((bodies[i] as { id: number }).id);
    state.scores.set(model, bodies.length < MIN_SITE_LEGITIMATE ? undefined : await legitimateScores(model, texts, deltas, outOfFold, pause));
  }
  await c.beforeInstall?.();
  // In force before the weights are committed, for the weights after them only: a comment
  // that read the weights before the commit keeps the previous thresholds.
  const [current, previous] = [c.current, c.previous];
  [c.current, c.previous] = [state, current];
  try {
    await storeRefit(deps, changed, (model, version) => state.from.set(model, version));
  } catch (err) {
    [c.current, c.previous] = [current, previous];
    throw err;
  }
}

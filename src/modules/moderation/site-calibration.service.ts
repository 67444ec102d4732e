import type { Deps } from '../../deps';
import { legitimateComments } from '../comments/comment.review';
import { MIN_SITE_LEGITIMATE, type Thresholds } from './classifier/calibration';
import type { ModelName } from './classifier/models';
import { siteThresholds } from './learning.service';
import { listReportedIds } from './moderation.repository';

/**
 * The models' thresholds recalibrated on this site's own legitimate comments
 * (learning.service.ts `siteThresholds`). Scoring thousands of comments is not
 * a per-comment cost: the result is kept per process (in Deps) and recomputed
 * after every RECALIBRATE_EVERY moderator decisions, which is also when the
 * learned weights, and the legitimate comments, change.
 */
export interface SiteCalibration {
  /** Thresholds per model and budget, computed since the last reset. */
  thresholds: Map<string, Promise<Thresholds | undefined>>;
  /** The legitimate comments' texts, read once per recalibration. */
  bodies: Promise<string[]> | undefined;
  decisionsSinceReset: number;
}

/** Moderator decisions between two recalibrations. */
export const RECALIBRATE_EVERY = 50;
/** A published comment nobody reported or removed for this long counts as legitimate. */
export const SETTLED_DAYS = 7;
/** The most legitimate comments scored (the newest): enough for a 1 % tail, bounded in time. */
export const MAX_LEGITIMATE = 5000;

export function createSiteCalibration(): SiteCalibration {
  return { thresholds: new Map(), bodies: undefined, decisionsSinceReset: 0 };
}

/** Forgets what was computed: the next comment recalibrates. */
export function resetSiteCalibration(c: SiteCalibration): void {
  c.thresholds.clear();
  c.bodies = undefined;
  c.decisionsSinceReset = 0;
}

/** Counts a moderator decision; every RECALIBRATE_EVERY of them the calibration is recomputed. */
export function noteModeratorDecision(deps: Pick<Deps, 'calibration'>): void {
  deps.calibration.decisionsSinceReset++;
  if (deps.calibration.decisionsSinceReset >= RECALIBRATE_EVERY) resetSiteCalibration(deps.calibration);
}

/** The site's legitimate comments: approved by a moderator, or published SETTLED_DAYS ago and never reported. */
export async function siteLegitimateBodies(deps: Deps): Promise<string[]> {
  const settledBefore = new Date(deps.clock.now().getTime() - SETTLED_DAYS * 86_400_000).toISOString();
  const [rows, reported] = await Promise.all([legitimateComments(deps, settledBefore, MAX_LEGITIMATE), listReportedIds(deps.db)]);
  const open = new Set(reported);
  return rows.filter((r) => r.approved || !open.has(r.id)).map((r) => r.body);
}

/**
 * A model's thresholds for this site at this budget, or undefined while the site
 * has fewer than MIN_SITE_LEGITIMATE legitimate comments (the shipped calibration
 * applies) and for models the site cannot teach.
 */
export function siteCalibratedThresholds(deps: Deps, model: ModelName, budget: number): Promise<Thresholds | undefined> {
  if (model === 'toxicity-lexicon') return Promise.resolve(undefined);
  const c = deps.calibration;
  const key = `${model}:${budget}`;
  let found = c.thresholds.get(key);
  if (!found) {
    const bodies = (c.bodies ??= siteLegitimateBodies(deps));
    found = bodies.then((b) => (b.length < MIN_SITE_LEGITIMATE ? undefined : siteThresholds(deps, model, budget, b)));
    c.thresholds.set(key, found);
    // A failed read is not kept: the next comment tries again.
    found.catch(() => resetSiteCalibration(c));
  }
  return found;
}

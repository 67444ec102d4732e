import type { Deps } from '../../deps';
import { legitimateComments } from '../comments/comment.review';
import { MIN_SITE_LEGITIMATE, type Thresholds } from './classifier/calibration';
import type { ModelName } from './classifier/models';
import { siteThresholds } from './learning.service';
import { listReportedIds } from './moderation.repository';
import { refitSite, type SiteRefit } from './refit.service';

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
  bodies: Promise<{ id: number; body: string }[]> | undefined;
  /** The refit of the site's decisions (refit.service.ts), once per recalibration. */
  refit: Promise<SiteRefit> | undefined;
  decisionsSinceReset: number;
}

/** Moderator decisions between two recalibrations. */
export const RECALIBRATE_EVERY = 50;
/** A published comment nobody reported or removed for this long counts as legitimate. */
export const SETTLED_DAYS = 7;
/** The most legitimate comments scored (the newest): enough for a 1 % tail, bounded in time. */
export const MAX_LEGITIMATE = 5000;

export function createSiteCalibration(): SiteCalibration {
  return { thresholds: new Map(), bodies: undefined, refit: undefined, decisionsSinceReset: 0 };
}

/** Forgets what was computed: the next comment recalibrates. */
export function resetSiteCalibration(c: SiteCalibration): void {
  c.thresholds.clear();
  c.bodies = undefined;
  c.refit = undefined;
  c.decisionsSinceReset = 0;
}

/** Counts a moderator decision; every RECALIBRATE_EVERY of them the calibration is recomputed. */
export function noteModeratorDecision(deps: Pick<Deps, 'calibration'>): void {
  deps.calibration.decisionsSinceReset++;
  if (deps.calibration.decisionsSinceReset >= RECALIBRATE_EVERY) resetSiteCalibration(deps.calibration);
}

/** The site's legitimate comments: approved by a moderator, or published SETTLED_DAYS ago and never reported. */
export async function siteLegitimateBodies(deps: Deps): Promise<{ id: number; body: string }[]> {
  const settledBefore = new Date(deps.clock.now().getTime() - SETTLED_DAYS * 86_400_000).toISOString();
  const [rows, reported] = await Promise.all([legitimateComments(deps, settledBefore, MAX_LEGITIMATE), listReportedIds(deps.db)]);
  const open = new Set(reported);
  return rows.filter((r) => r.approved || !open.has(r.id)).map((r) => ({ id: r.id, body: r.body }));
}

/**
 * A model's thresholds for this site at this budget, or undefined while the site
 * has fewer than MIN_SITE_LEGITIMATE legitimate comments (the shipped calibration
 * applies) and for models the site cannot teach.
 */
export function siteCalibratedThresholds(deps: Deps, model: ModelName, budget: number): Promise<Thresholds | undefined> {
  const c = deps.calibration;
  // The refit comes first: the thresholds measure the model as refitted.
  if (!c.refit) {
    c.refit = refitSite(deps);
    // A failed refit is not kept: the next comment tries again.
    c.refit.catch(() => resetSiteCalibration(c));
  }
  const refit = c.refit;
  if (model === 'toxicity-lexicon') return refit.then(() => undefined);
  const key = `${model}:${budget}`;
  let found = c.thresholds.get(key);
  if (!found) {
    const bodies = (c.bodies ??= siteLegitimateBodies(deps));
    found = Promise.all([bodies, refit]).then(([b, r]) => {
      if (b.length < MIN_SITE_LEGITIMATE) return undefined;
      // Each decided comment is scored by the refit that was not fitted on it.
      const outOfFold = r.get(model)?.outOfFold;
      return siteThresholds(deps, model, budget, b.map((x) => x.body), (i) => outOfFold?.get((b[i] as { id: number }).id));
    });
    c.thresholds.set(key, found);
    // A failed read is not kept: the next comment tries again.
    found.catch(() => resetSiteCalibration(c));
  }
  return found;
}

/**
 * Thresholds from a false-hold budget. A statistical model's score means little
 * on its own; what a newsroom can decide is how many legitimate readers it
 * accepts to hold. Given the scores of legitimate comments (out-of-fold scores of
 * the training part when shipped, the site's own once it has enough), `hold` is
 * the score above which at most `budget` of them fall, and `review` the lower one
 * above which `reviewShare` more of them fall: those are published and listed for a
 * moderator to read, riskiest first.
 */

/** Default share of legitimate comments the automatic phases may hold (issue 11: the `falseHoldBudget` setting). */
export const DEFAULT_FALSE_HOLD_BUDGET = 0.03;
/** The setting's range. */
export const MAX_FALSE_HOLD_BUDGET = 0.2;
/**
 * Share of legitimate comments listed for review (published) beyond those held:
 * a list a moderator reads in minutes, mostly bad comments, never everything.
 */
export const REVIEW_SHARE = 0.12;
/** Legitimate comments a site needs of its own before its scores replace the shipped calibration. */
export const MIN_SITE_LEGITIMATE = 200;
/** Step of the shipped tail table: the score at every quarter point of legitimate comments, up to 30 %. */
export const TAIL_STEP = 0.0025;
export const TAIL_MAX = 0.3;

export interface Thresholds {
  /** Published, but listed for review, at or above this score. */
  review: number;
  /** Held for a moderator at or above this score. */
  hold: number;
}

/**
 * Standard errors taken off each share of the tail table: the share of a few
 * hundred legitimate comments above a score is itself an estimate (two
 * comments in a hundred could be four in the next hundred), so each threshold is
 * read at the share minus MARGIN_Z standard errors of a binomial count
 * (s − z·√(s(1−s)/n)): the fewer the comments, the stricter. A budget is a promise.
 */
export const MARGIN_Z = 1;
/** The score a legitimate comment held by a rule phase counts with: held whatever the models say. */
export const RULE_HELD_SCORE = 1;

/**
 * The tail table of a set of legitimate scores: entry i is the score at or above
 * which at most a share i × TAIL_STEP of them fall (non-increasing), read with
 * a margin of `z` standard errors (MARGIN_Z).
 */
export function tailTable(legitScores: readonly number[], z = MARGIN_Z): number[] {
  const sorted = [...legitScores].sort((a, b) => b - a);
  const n = sorted.length;
  const out: number[] = [];
  for (let i = 0; i * TAIL_STEP <= TAIL_MAX + 1e-9; i++) {
    const s = i * TAIL_STEP;
    const share = n ? Math.max(0, s - z * Math.sqrt((s * (1 - s)) / n)) : 0;
    const allowed = Math.floor(share * n + 1e-9);
    // Just above the first score past the allowed ones: ties never let more than the share through.
    out.push(Number(Math.min(1, (sorted[allowed] ?? 0) + 1e-5).toFixed(5)));
  }
  return out;
}

/** The score above which a share `s` of the legitimate comments fall, read from a tail table (interpolated). */
export function scoreAtShare(table: readonly number[], s: number): number {
  const x = Math.max(0, Math.min(TAIL_MAX, s)) / TAIL_STEP;
  const i = Math.floor(x);
  const a = table[i] ?? table[table.length - 1] ?? 1;
  const b = table[i + 1] ?? a;
  return a + (b - a) * (x - i);
}

/** Share of legitimate comments scoring at or above `p`, read from a tail table (at most TAIL_MAX). */
export function shareAbove(table: readonly number[], p: number): number {
  if (!table.length || p > (table[0] as number)) return 0;
  for (let i = 1; i < table.length; i++) {
    const hi = table[i - 1] as number;
    const lo = table[i] as number;
    if (p > lo) return TAIL_STEP * (i - 1 + (hi === lo ? 0 : (hi - p) / (hi - lo)));
  }
  return TAIL_MAX;
}

/** The budget of a site's settings, clamped to its range (the shipped default until the setting exists). */
export function budgetOf(settings: object): number {
  const b = (settings as { falseHoldBudget?: unknown }).falseHoldBudget;
  return typeof b === 'number' && Number.isFinite(b) ? Math.max(0, Math.min(MAX_FALSE_HOLD_BUDGET, b)) : DEFAULT_FALSE_HOLD_BUDGET;
}

/** Thresholds for a budget from a tail table: `hold` at the budget, `review` at the budget plus the review share. */
export function thresholdsFromTable(table: readonly number[], budget: number, reviewShare = REVIEW_SHARE): Thresholds {
  const hold = scoreAtShare(table, budget);
  return { hold, review: Math.min(hold, scoreAtShare(table, budget + reviewShare)) };
}

/**
 * Per-model thresholds recalibrated on a site's own legitimate comments (those
 * its moderators approved and those published that stayed unreported): their
 * scores under the model as the site taught it. Until the site has
 * MIN_SITE_LEGITIMATE of them, the shipped table applies.
 */
export function calibrate(shippedTable: readonly number[], budget: number, siteLegitScores: readonly number[] = [], reviewShare = REVIEW_SHARE): Thresholds {
  const table = siteLegitScores.length >= MIN_SITE_LEGITIMATE ? tailTable(siteLegitScores) : shippedTable;
  return thresholdsFromTable(table, budget, reviewShare);
}

/**
 * A comment's risk, comparable across models: the share of legitimate comments
 * it outscores (0.95: riskier than 95 % of them). Ranks the review list.
 */
export function riskOf(table: readonly number[], p: number): number {
  return 1 - shareAbove(table, p);
}

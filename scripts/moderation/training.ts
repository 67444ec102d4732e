// How a shipped moderation model is trained and calibrated, in one place: the training
// script (scripts/train-moderation.ts) and the simulated site (site-sim.ts) train theirs
// with these, so what the simulation measures is the model that ships.
import { RULE_HELD_SCORE, tailTable } from '../../src/modules/moderation/classifier/calibration';
import type { FeatureVector } from '../../src/modules/moderation/classifier/features';
import { logit, sigmoid, trainLogistic, type LogisticModel, type TrainOptions } from '../../src/modules/moderation/classifier/logistic';
import { heldByTextRules } from '../../src/modules/moderation/rule-holds';
import { foldOf } from './datasets';

export interface Example {
  text: string;
  y: 0 | 1;
  /** Counted in the calibration (legitimate comments of the kinds a site gets) and the cross-validated figures. */
  measured: boolean;
  /** Where it comes from, for the per-source cross-validated figures. */
  source: string;
  /** Weight in training (1 by default). */
  w?: number;
}

export interface Scored {
  p: number;
  y: 0 | 1;
  source: string;
}

export interface CrossValidation {
  /**
   * Whether the model pays for the legitimate comments the rule phases hold (unreadable,
   * links): they are scored as held before the model holds any.
   */
  paysForRules?: boolean;
  /** The text the folds are drawn from (by default the text itself); another key gives other folds. */
  foldKey?: (text: string) => string;
}

/** Legitimate comments a kind needs to count in the calibration. */
export const MIN_CALIBRATION_GROUP = 100;

/**
 * A 5-fold cross-validation (folds by folded text): the out-of-fold scores of the
 * measured examples, and the five fold models. The shipped model is their average
 * (for logistic models, the average of their log-odds), so the calibration read
 * from out-of-fold scores describes a model trained like the one shipped: a model
 * refitted on everything scores more extremely than its folds did, and held more
 * legitimate comments than the budget.
 */
export function crossValidate(examples: readonly Example[], xs: readonly FeatureVector[], options: TrainOptions, how: CrossValidation = {}): { scored: Scored[]; models: LogisticModel[] } {
  const folds = 5;
  const key = how.foldKey ?? ((text: string) => text);
  const fold = examples.map((e) => foldOf(key(e.text), folds));
  const scored: Scored[] = [];
  const models: LogisticModel[] = [];
  for (let k = 0; k < folds; k++) {
    const model = trainLogistic(examples.flatMap((e, i) => (fold[i] !== k ? [{ x: xs[i] as FeatureVector, y: e.y, w: e.w ?? 1 }] : [])), options);
    models.push(model);
    for (const [i, e] of examples.entries()) {
      if (fold[i] !== k || !e.measured) continue;
      const byRule = how.paysForRules === true && e.y === 0 && heldByTextRules(e.text);
      scored.push({ p: byRule ? RULE_HELD_SCORE : sigmoid(logit(model, xs[i] as FeatureVector)), y: e.y, source: e.source });
    }
  }
  return { scored, models };
}

/** The average of logistic models. */
export function average(models: readonly LogisticModel[]): LogisticModel {
  const weights = new Map<string, number>();
  for (const m of models) for (const [f, w] of m.weights) weights.set(f, (weights.get(f) ?? 0) + w / models.length);
  return { bias: models.reduce((a, m) => a + m.bias / models.length, 0), weights };
}

/**
 * The calibration: for each share, the strictest threshold over the kinds of legitimate
 * comments measured (the forum's, the corpus's in each language, YouTube's), so the budget
 * holds on each kind, not only on their mix (the forum's slang scores higher than news
 * comments). Taking also the strictest fold of each kind was tried: with about a hundred
 * comments per fold it halved what was held of the abuse, for a fraction of a point.
 */
export function strictestTail(scored: readonly Scored[]): { tail: number[]; ruleHeld: Record<string, number> } {
  const groups = new Map<string, number[]>();
  for (const s of scored) {
    if (s.y !== 0) continue;
    groups.set(s.source, [...(groups.get(s.source) ?? []), s.p]);
  }
  const kinds = [...groups].filter(([, l]) => l.length >= MIN_CALIBRATION_GROUP);
  const tables = kinds.map(([, l]) => tailTable(l));
  const ruleHeld = Object.fromEntries(kinds.map(([k, l]) => [k, Number((l.filter((p) => p >= RULE_HELD_SCORE).length / l.length).toFixed(4))]));
  return { tail: (tables[0] ?? []).map((_, i) => Math.max(...tables.map((t) => t[i] as number))), ruleHeld };
}

/** Training comments each feature appears in, for the features in at least 5 of them (learning.service's specificity). */
export function documentFrequencies(xs: readonly FeatureVector[]): Record<string, number> {
  const df = new Map<string, number>();
  for (const x of xs) for (const f of x.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  return Object.fromEntries([...df].filter(([, n]) => n >= 5).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

import { describe, expect, it } from 'vitest';
import { budgetOf, calibrate, MIN_SITE_LEGITIMATE, riskOf, RULE_HELD_SCORE, tailTable, thresholdsFromTable } from './calibration';

/** n legitimate scores spread evenly over [0, 1). */
const even = (n: number) => Array.from({ length: n }, (_, i) => i / n);
const shareAtOrAbove = (scores: number[], t: number) => scores.filter((s) => s >= t).length / scores.length;

describe('calibration: thresholds from a false-hold budget', () => {
  it('holds at most the budget of the legitimate comments it was calibrated on, and lists more for review', () => {
    const legit = even(1000);
    const table = tailTable(legit, 0);
    for (const budget of [0.01, 0.03, 0.1, 0.2]) {
      const t = thresholdsFromTable(table, budget);
      expect(shareAtOrAbove(legit, t.hold)).toBeLessThanOrEqual(budget + 1e-9);
      expect(shareAtOrAbove(legit, t.hold)).toBeGreaterThan(budget - 0.003);
      expect(t.review).toBeLessThanOrEqual(t.hold);
    }
    const t = thresholdsFromTable(table, 0.03, 0.1);
    expect(shareAtOrAbove(legit, t.review)).toBeCloseTo(0.13, 2);
  });

  it('never lets ties through: a model giving most comments one score holds none of them at a small budget', () => {
    const legit = [...Array(900).fill(0.2), ...even(100).map((s) => 0.3 + s / 2)];
    const t = thresholdsFromTable(tailTable(legit), 0.2);
    expect(shareAtOrAbove(legit, t.hold)).toBeLessThanOrEqual(0.2);
  });

  it('a zero budget holds nothing any legitimate comment scored', () => {
    const legit = even(500);
    expect(shareAtOrAbove(legit, thresholdsFromTable(tailTable(legit), 0).hold)).toBe(0);
  });

  it("uses the site's own legitimate scores once it has enough of them, the shipped table before", () => {
    const shipped = tailTable(even(1000));
    const site = even(MIN_SITE_LEGITIMATE).map((s) => s / 2);
    expect(calibrate(shipped, 0.03, site.slice(1)).hold).toBe(thresholdsFromTable(shipped, 0.03).hold);
    const own = calibrate(shipped, 0.03, site);
    expect(own.hold).toBeLessThan(0.5);
    expect(shareAtOrAbove(site, own.hold)).toBeLessThanOrEqual(0.03);
  });

  it('reads each share one standard error stricter: the fewer the comments, the stricter', () => {
    for (const n of [200, 1000, 5000]) {
      const legit = even(n);
      const held = shareAtOrAbove(legit, thresholdsFromTable(tailTable(legit), 0.03).hold);
      const se = Math.sqrt((0.03 * 0.97) / n);
      expect(held).toBeLessThanOrEqual(0.03 - se + 1e-9);
      expect(held).toBeGreaterThan(0.03 - se - 2 / n);
    }
    // Rule holds (scored RULE_HELD_SCORE) come out of the budget before the model holds any.
    const withRules = [...even(980), ...Array<number>(20).fill(RULE_HELD_SCORE)];
    const t = thresholdsFromTable(tailTable(withRules, 0), 0.03);
    expect(shareAtOrAbove(withRules, t.hold)).toBeLessThanOrEqual(0.03);
    expect(shareAtOrAbove(withRules.slice(0, 980), t.hold)).toBeLessThanOrEqual(0.011);
  });

  it('ranks by risk: the share of legitimate comments a score outscores', () => {
    const table = tailTable(even(1000), 0);
    expect(riskOf(table, 0.99)).toBeGreaterThan(riskOf(table, 0.9));
    expect(riskOf(table, 0.95)).toBeCloseTo(0.95, 2);
    expect(riskOf(table, 2)).toBe(1);
  });

  it('reads the budget from the settings, clamped to 0–0.2, 3 % when unset', () => {
    expect(budgetOf({})).toBe(0.03);
    expect(budgetOf({ falseHoldBudget: 0.1 })).toBe(0.1);
    expect(budgetOf({ falseHoldBudget: 0.9 })).toBe(0.2);
    expect(budgetOf({ falseHoldBudget: -1 })).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { logit, logits, type LogisticModel } from './logistic';
import { readToxicity, shippedModel } from './models';

describe('logits read in two parts', () => {
  // Weights whose sums round differently in another order: only the same order gives the same bits.
  const model: LogisticModel = { bias: 0.1, weights: new Map([['a', 1e16], ['b', 1], ['c', -1e16], ['d', 0.3], ['h:x', 2.5]]) };
  const own = new Map([['a', 1], ['b', 1], ['zz', 4]]);
  const harm = new Map([['c', 1], ['d', 0.7], ['h:x', 2]]);
  const whole = new Map([...own, ...harm]);

  it('gives exactly the one-map answer, with and without lessons', () => {
    for (const lessons of [new Map<string, number>(), new Map([['b', 0.25], ['d', -3], ['h:x', 1e-3]])]) {
      const [base, learned] = logits(model, harm, lessons, logits(model, own, lessons));
      expect([base, learned]).toEqual(logits(model, whole, lessons));
      expect([base, learned]).toEqual([logit(model, whole), logit(model, whole, lessons)]);
    }
  });

  it("scores the toxicity reading's parts as its copied features", () => {
    const m = shippedModel('toxicity');
    const lessons = new Map([['w:idiot', 0.8], ['h:insult', 0.4]]);
    for (const text of ['Tu es un idiot fini, retourne chez toi.', 'Merci pour cet article très clair.', 'Ces gens-là sont des parasites, tous.']) {
      const r = readToxicity(text);
      if (!r.parts) throw new Error('parts expected');
      expect(logits(m, r.parts.harm, lessons, logits(m, r.parts.own, lessons))).toEqual(logits(m, r.features, lessons));
      expect([...r.parts.own.keys(), ...r.parts.harm.keys()]).toEqual([...r.features.keys()]);
    }
  });
});

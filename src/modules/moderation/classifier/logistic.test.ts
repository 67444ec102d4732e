import { describe, expect, it } from 'vitest';
import { logit, logits, type LogisticModel } from './logistic';
import { featurize, ORIGIN_LIST_SHIFT, originsOf } from './features';
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

describe("a sealed model's weights kept per word", () => {
  const texts = [
    'Merci pour cet article très clair, merci encore : très très clair.',
    'BUY CHEAP PILLS at www.example-pharma.ru !!! 100000 $ for you, you, you',
    'Anticonstitutionnellementextraordinairementlong mot, puis un autre mot.',
    'Tu es un idiot fini, retourne chez toi. Idiot !',
    '',
  ];

  it('gives exactly the answer of the same weights looked up one by one, with and without lessons', () => {
    for (const name of ['spam', 'toxicity'] as const) {
      const sealed = shippedModel(name);
      const plain: LogisticModel = { bias: sealed.bias, weights: sealed.weights };
      const lessons = new Map([['w:merci', 0.5], ['c:ill', -0.25], ['m:bangs', 1.5]]);
      for (const [i, text] of texts.entries()) {
        // Twice each: the second reading takes the weights kept by the first.
        for (let round = 0; round < 2; round++) {
          const x = featurize(`${text} tour${round}`, i % 2 === 0 ? ['m:profane'] : []);
          expect(logit(sealed, x)).toBe(logit(plain, x));
          expect(logit(sealed, x, lessons)).toBe(logit(plain, x, lessons));
          expect(logits(sealed, x, lessons)).toEqual(logits(plain, x, lessons));
        }
      }
    }
  });

  it('reads a vector changed after featurize (one name out, another in) name by name where its origins no longer match', () => {
    const sealed = shippedModel('spam');
    const plain: LogisticModel = { bias: sealed.bias, weights: sealed.weights };
    const x = featurize('Achetez vos pilules pas chères ici, livraison gratuite');
    const size = x.size;
    x.delete([...x.keys()][3] as string);
    x.set('w:gratuit', 0.5);
    // As many features as featurize made, so only the names can tell that the places moved.
    expect(x.size).toBe(size);
    expect(logit(sealed, x)).toBe(logit(plain, x));
  });

  it("knows where each of a vector's features came from", () => {
    const x = featurize('le chat et le chien, le chat');
    const o = originsOf(x);
    if (!o) throw new Error('origins expected');
    const names = [...x.keys()];
    expect(o.slots).toHaveLength(names.length);
    o.slots.forEach((s, i) => {
      if (s < 0) expect(names[i]).toMatch(/^(b|m):/);
      else expect(o.lists[s >> ORIGIN_LIST_SHIFT]?.[s & ((1 << ORIGIN_LIST_SHIFT) - 1)]).toBe(names[i]);
    });
    // A copy has no origins: it is read feature by feature.
    expect(originsOf(new Map(x))).toBeUndefined();
  });
});

import { ORIGIN_LIST_SHIFT, originsOf, type FeatureVector } from './features';

/** A logistic-regression model: a bias and one weight per feature. */
export interface LogisticModel {
  bias: number;
  weights: Map<string, number>;
}

/**
 * Models whose weights never change again (the shipped ones, `sealWeights`): for each, the
 * weights of the word lists in use (features.ts, `FeatureOrigins`), looked up once per word
 * and kept while the word's list lives. A comment's ~230 look-ups in a map of ~140,000
 * names were ~6 % of a serving worker's CPU, after SQLite the largest single item of its
 * profile; most of a comment's features are words already seen.
 */
const wordWeights = new WeakMap<LogisticModel, WeakMap<readonly string[], Float64Array>>();

/** Declares the model's weights final: `logit` may keep them per word from now on. */
export function sealWeights(model: LogisticModel): void {
  if (!wordWeights.has(model)) wordWeights.set(model, new WeakMap());
}

/** The weights of a vector's word lists in a sealed model, and where each feature sits in them; undefined when they cannot be read by word. */
function byWord(model: LogisticModel, x: ReadonlyMap<string, number>): { lists: Float64Array[]; names: (readonly string[])[]; slots: number[] } | undefined {
  const kept = wordWeights.get(model);
  const o = kept && originsOf(x);
  if (!kept || !o || o.slots.length !== x.size) return undefined;
  const lists: Float64Array[] = [];
  for (const list of o.lists) {
    let ws = kept.get(list);
    if (!ws) {
      ws = new Float64Array(list.length);
      for (let k = 0; k < list.length; k++) ws[k] = model.weights.get(list[k] as string) ?? NaN;
      kept.set(list, ws);
    }
    lists.push(ws);
  }
  return { lists, names: o.lists, slots: o.slots };
}

const PLACE = (1 << ORIGIN_LIST_SHIFT) - 1;

/**
 * The model's weight of the i-th feature `f` of a vector (undefined: none): from its word's list
 * when the vector's origins name it there (the same string: a vector changed after `featurize`
 * is read right, name by name, where it no longer matches), else looked up.
 */
function weightAt(model: LogisticModel, words: ReturnType<typeof byWord>, i: number, f: string): number | undefined {
  const s = words === undefined ? -1 : (words.slots[i] as number);
  if (s < 0 || words?.names[s >> ORIGIN_LIST_SHIFT]?.[s & PLACE] !== f) return model.weights.get(f);
  const w = (words.lists[s >> ORIGIN_LIST_SHIFT] as Float64Array)[s & PLACE] as number;
  return w === w ? w : undefined;
}

/**
 * The model's log-odds for a vector, with optional extra weights (the site's learned deltas).
 * `from`: the sum so far (a vector read in two parts: the first part's logit).
 */
export function logit(model: LogisticModel, x: ReadonlyMap<string, number>, extra?: ReadonlyMap<string, number>, from = model.bias): number {
  let z = from;
  const words = byWord(model, x);
  // Keys and values side by side (the same order): `for (const [f, v] of x)` builds an array per
  // feature even in optimised code, a comment's largest share of garbage.
  const values = x.values();
  let i = 0;
  for (const f of x.keys()) {
    const v = values.next().value as number;
    const w = weightAt(model, words, i++, f);
    if (w !== undefined) z += w * v;
    if (extra) {
      const d = extra.get(f);
      if (d !== undefined) z += d * v;
    }
  }
  return z;
}

/**
 * The log-odds without and with the extra weights, in one pass over the vector: each sum is
 * added up in the order `logit` adds it, so both are exactly `logit(model, x)` and
 * `logit(model, x, extra)`. `from`: both sums so far — a vector read in two parts, the second
 * from the first's answer, gives exactly the answer for the two parts in one map, in order.
 */
export function logits(
  model: LogisticModel,
  x: ReadonlyMap<string, number>,
  extra: ReadonlyMap<string, number>,
  from: readonly [base: number, withExtra: number] = [model.bias, model.bias],
): [base: number, withExtra: number] {
  if (extra.size === 0 && from[0] === from[1]) {
    const z = logit(model, x, undefined, from[0]);
    return [z, z];
  }
  let base = from[0];
  let z = from[1];
  const words = byWord(model, x);
  const values = x.values();
  let i = 0;
  for (const f of x.keys()) {
    const v = values.next().value as number;
    const w = weightAt(model, words, i++, f);
    if (w !== undefined) {
      base += w * v;
      z += w * v;
    }
    const d = extra.get(f);
    if (d !== undefined) z += d * v;
  }
  return [base, z];
}

/** The logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of positive examples relative to negative ones. */
  positiveWeight?: number;
}

/** Shuffles `order` in place (Fisher–Yates) with the given generator: each epoch of a fit visits the rows in a new order. */
export function shuffle(order: number[], rand: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}

/** A small deterministic generator (mulberry32), so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains by stochastic gradient descent with AdaGrad steps and L2 decay, in a
 * seeded order (the same data gives the same model). Features are indexed
 * first, so an epoch is array arithmetic rather than map look-ups.
 */
/** `w` weighs an example (1 by default): a source trusted less counts less. */
export function trainLogistic(data: { x: FeatureVector; y: 0 | 1; w?: number }[], opts: TrainOptions): LogisticModel {
  const index = new Map<string, number>();
  const rows = data.map(({ x, y, w: weight }) => {
    const idx = new Int32Array(x.size);
    const val = new Float64Array(x.size);
    let k = 0;
    for (const [f, v] of x) {
      let i = index.get(f);
      if (i === undefined) index.set(f, (i = index.size));
      idx[k] = i;
      val[k++] = v;
    }
    return { idx, val, y, weight: weight ?? 1 };
  });
  const w = new Float64Array(index.size);
  const g2 = new Float64Array(index.size);
  let bias = 0;
  let biasG2 = 0;
  const rand = seededRandom(42);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand);
    for (const r of order) {
      const { idx, val, y, weight } = rows[r] as (typeof rows)[number];
      let z = bias;
      for (let k = 0; k < idx.length; k++) z += (w[idx[k] as number] as number) * (val[k] as number);
      const err = (sigmoid(z) - y) * (y === 1 ? (opts.positiveWeight ?? 1) : 1) * weight;
      biasG2 += err * err;
      bias -= (opts.learningRate / Math.sqrt(biasG2 + 1e-8)) * err;
      for (let k = 0; k < idx.length; k++) {
        const f = idx[k] as number;
        const g = err * (val[k] as number) + opts.l2 * (w[f] as number);
        g2[f] = (g2[f] as number) + g * g;
        w[f] = (w[f] as number) - (opts.learningRate / Math.sqrt((g2[f]) + 1e-8)) * g;
      }
    }
  }
  const weights = new Map<string, number>();
  for (const [f, i] of index) weights.set(f, w[i] as number);
  return { bias, weights };
}

import type { FeatureVector } from './features';

/** A logistic-regression model: a bias and one weight per feature. */
export interface LogisticModel {
  bias: number;
  weights: Map<string, number>;
}

/** The model's log-odds for a vector, with optional extra weights (the site's learned deltas). */
export function logit(model: LogisticModel, x: FeatureVector, extra?: ReadonlyMap<string, number>): number {
  let z = model.bias;
  for (const [f, v] of x) {
    const w = model.weights.get(f);
    if (w !== undefined) z += w * v;
    if (extra) {
      const d = extra.get(f);
      if (d !== undefined) z += d * v;
    }
  }
  return z;
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
 * seeded order (the same data gives the same model).
 */
export function trainLogistic(data: { x: FeatureVector; y: 0 | 1 }[], opts: TrainOptions): LogisticModel {
  const weights = new Map<string, number>();
  const g2 = new Map<string, number>();
  let bias = 0;
  let biasG2 = 0;
  const rand = seededRandom(42);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const idx of order) {
      const { x, y } = data[idx] as { x: FeatureVector; y: 0 | 1 };
      const p = sigmoid(logit({ bias, weights }, x));
      const cw = y === 1 ? (opts.positiveWeight ?? 1) : 1;
      const err = (p - y) * cw;
      biasG2 += err * err;
      bias -= (opts.learningRate / Math.sqrt(biasG2 + 1e-8)) * err;
      for (const [f, v] of x) {
        const w = weights.get(f) ?? 0;
        const g = err * v + opts.l2 * w;
        const acc = (g2.get(f) ?? 0) + g * g;
        g2.set(f, acc);
        weights.set(f, w - (opts.learningRate / Math.sqrt(acc + 1e-8)) * g);
      }
    }
  }
  return { bias, weights };
}

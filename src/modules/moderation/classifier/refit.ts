import type { FeatureVector } from './features';
import { logit, seededRandom, shuffle, sigmoid, type LogisticModel } from './logistic';

/** One decided comment: its features and whether the moderators did not want it. */
export interface Decided {
  x: FeatureVector;
  y: 0 | 1;
}

export interface RefitOptions {
  /**
   * L2 penalty toward the shipped model, on the scaled weights: the objective is the
   * log-loss of the decided comments plus l2/2 · Σ δ_f² / s_f (s_f the feature's prior
   * scale, its specificity): a common word cannot move, a rare one can.
   */
  l2: number;
  epochs: number;
  learningRate: number;
  /**
   * Margins instead of the log-loss (log-odds): a refused comment is pulled up to
   * `unwanted` (no further), an approved one down to `wanted`, and an approved one
   * the shipped model scored under `listed` teaches nothing (the batch form of the
   * lessons: pushing every legitimate comment far down drags down the abuse that
   * shares its words). Squared hinge losses.
   */
  targets?: { unwanted: number; wanted: number; listed: number };
}

/**
 * Fits a site's weight changes on top of a shipped model over all of its decided
 * comments at once (maximum a posteriori, Gaussian prior of variance s_f / l2 on
 * each change, `scale(f)` = s_f; 0: the feature is never changed). Each comment's
 * shipped log-odds is an offset. Deterministic: the same decisions give the same changes.
 */
export function fitDeltas(model: LogisticModel, data: readonly Decided[], scale: (feature: string) => number, opts: RefitOptions): Map<string, number> {
  const steps = fitSteps(model, data, scale, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same fit, handing the event loop back whenever a slice of work is spent (`timeSlicer`). */
export async function fitDeltasInSlices(
  model: LogisticModel,
  data: readonly Decided[],
  scale: (feature: string) => number,
  opts: RefitOptions,
  pause: Pause,
): Promise<Map<string, number>> {
  const steps = fitSteps(model, data, scale, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** Rows of work between two looks at the clock. */
const ROWS_PER_STEP = 16;

/**
 * Hands the event loop back (setImmediate: pending I/O and timers go first) once
 * SLICE_MS of work have passed since the last time; otherwise resolves at once.
 * `seen` (the bench) notes the longest slice.
 */
export type Pause = () => Promise<void> | undefined;

/** Work done between two hand-backs of the event loop, in ms: requests wait at most about that long. */
export const SLICE_MS = 5;

export function timeSlicer(sliceMs = SLICE_MS, seen?: { longestSliceMs: number; longestSliceCpuMs: number }): Pause {
  let since = performance.now();
  let cpu = seen ? process.cpuUsage() : undefined;
  return () => {
    const spent = performance.now() - since;
    if (spent < sliceMs) return undefined;
    if (seen && cpu) {
      // Wall time counts the moments the machine gave the CPU to others; CPU time does not.
      const used = process.cpuUsage(cpu);
      seen.longestSliceMs = Math.max(seen.longestSliceMs, spent);
      seen.longestSliceCpuMs = Math.max(seen.longestSliceCpuMs, (used.user + used.system) / 1000);
    }
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        if (seen) cpu = process.cpuUsage();
        resolve();
      }),
    );
  };
}

/** The fit, yielding every ROWS_PER_STEP rows so that its caller may hand the event loop back. */
function* fitSteps(model: LogisticModel, data: readonly Decided[], scale: (feature: string) => number, opts: RefitOptions): Generator<void, Map<string, number>> {
  const index = new Map<string, number>();
  const root: number[] = [];
  const count: number[] = [];
  const rows: { idx: number[]; val: number[]; y: 0 | 1; offset: number }[] = [];
  for (const { x, y } of data) {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of x) {
      let i = index.get(f);
      if (i === undefined) {
        const s = scale(f);
        if (s <= 0) continue;
        index.set(f, (i = index.size));
        root.push(Math.sqrt(s));
        count.push(0);
      }
      idx.push(i);
      val.push(v * (root[i] as number));
    }
    rows.push({ idx, val, y, offset: logit(model, x) });
    if (rows.length % ROWS_PER_STEP === 0) yield;
  }
  const t = opts.targets;
  // Under margins, an approved comment the shipped model did not even list has nothing to teach.
  const taught = t ? rows.filter((r) => r.y === 1 || r.offset >= t.listed) : rows;
  for (const r of taught) for (const i of r.idx) count[i] = (count[i] as number) + 1;
  const u = new Float64Array(index.size);
  const g2 = new Float64Array(index.size);
  const rand = seededRandom(7);
  const order = taught.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand);
    for (const [n, r] of order.entries()) {
      if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      const { idx, val, y, offset } = taught[r] as (typeof rows)[number];
      let z = offset;
      for (let k = 0; k < idx.length; k++) z += (u[idx[k] as number] as number) * (val[k] as number);
      const err = !t ? sigmoid(z) - y : y === 1 ? Math.min(0, z - t.unwanted) : Math.max(0, z - t.wanted);
      for (let k = 0; k < idx.length; k++) {
        const f = idx[k] as number;
        // The prior's share of this step: its whole pull, once an epoch, spread over the feature's comments.
        const g = err * (val[k] as number) + (opts.l2 / (count[f] as number)) * (u[f] as number);
        g2[f] = (g2[f] as number) + g * g;
        u[f] = (u[f] as number) - (opts.learningRate / Math.sqrt(g2[f] + 1e-8)) * g;
      }
    }
  }
  const deltas = new Map<string, number>();
  for (const [f, i] of index) {
    if (i % (ROWS_PER_STEP * 64) === 0) yield;
    const d = (u[i] as number) * (root[i] as number);
    if (Math.abs(d) >= 1e-4) deltas.set(f, Number(d.toFixed(5)));
  }
  return deltas;
}

// A simulated site on the TRAINING part only, to choose how a site's decisions are learnt
// without looking at the held-out streams. For each pair of ToxiFrench training folds
// (10 pairs), a toxicity model is trained as `npm run train:moderation` trains it (the
// average of five fold models, its tail table from their out-of-fold scores) on everything
// but those two folds; the two folds are the site's stream, in file order: the first 300
// decided by its moderators (the refit of classifier/refit.ts over them, as the site would
// run it after 300 decisions), the rest scored. Toxicity model alone, shipped calibration
// (after 300 decisions a site has fewer than 200 legitimate comments of its own), so a
// lesson lists but does not hold (phases/content.ts `call`).
// Figures from it guide choices (docs/moderation.md); they are not test figures.
// Usage: node scripts/moderation-run.mjs scripts/moderation/site-sim.ts
//        env L2S=0.05,0.1 POWERS=2,4 DECIDED=300
import { DEFAULT_FALSE_HOLD_BUDGET, REVIEW_SHARE, thresholdsFromTable } from '../../src/modules/moderation/classifier/calibration';
import type { FeatureVector } from '../../src/modules/moderation/classifier/features';
import { logit, sigmoid } from '../../src/modules/moderation/classifier/logistic';
import { toxicityFeatures } from '../../src/modules/moderation/classifier/models';
import { fitDeltas } from '../../src/modules/moderation/classifier/refit';
import { foldOf, loadCorpus, loadDatasets, loadNewsComments } from './datasets';
import { average, crossValidate, documentFrequencies, strictestTail, type Example } from './training';

const root = process.cwd();
const [youtube, toxi] = loadDatasets(root);
if (!youtube || !toxi) throw new Error('datasets missing');
const corpus = loadCorpus(root).train;
const news = loadNewsComments(root, 'train');

interface SimExample extends Example {
  x: FeatureVector;
  /** ToxiFrench fold (outer), -1 for the other sources. */
  outer: number;
}
const CORPUS_WEIGHT = Number(process.env.CORPUS_WEIGHT ?? 0.5);
const raw = [
  ...toxi.train.map((c) => ({ text: c.text, y: c.label === 'toxic' ? 1 : 0, source: 'toxifrench', w: 1, measured: true, outer: foldOf(c.text, 5) })),
  ...corpus.filter((c) => c.label !== 'spam').map((c) => ({ text: c.text, y: c.label === 'toxic' ? 1 : 0, source: `corpus-${c.lang}`, w: CORPUS_WEIGHT, measured: true, outer: -1 })),
  ...youtube.train.filter((c) => c.label === 'ham').map((c) => ({ text: c.text, y: 0, source: 'youtube', w: 1, measured: true, outer: -1 })),
  ...[1, 2, 3].flatMap(() => news.map((c) => ({ text: c.text, y: 0, source: 'news', w: 1, measured: false, outer: -1 }))),
];
const examples: SimExample[] = raw.map((e) => ({ ...e, y: e.y as 0 | 1, x: toxicityFeatures(e.text) }));
const OPTIONS = { epochs: 10, learningRate: 0.2, l2: 1e-2 };
const budgetShare = 2 / 3;

/** The model as train-moderation.ts builds it, on `train` (inner folds of their own): averaged fold models, tail table, document frequencies. */
function shipLike(train: SimExample[]) {
  const xs = train.map((e) => e.x);
  const { scored, models } = crossValidate(train, xs, OPTIONS, { paysForRules: true, foldKey: (text) => `inner ${text}` });
  const { bias, weights } = average(models);
  const df = new Map(Object.entries(documentFrequencies(xs)));
  return { bias, weights, tail: strictestTail(scored).tail, df, n: train.length };
}
type Shipped = ReturnType<typeof shipLike>;

function specificity(m: Shipped, power: number): (f: string) => number {
  const of = (f: string) => Math.max(0, Math.min(1, Math.log(m.n / Math.max(1, (m.df.get(f) ?? 1) >= 5 ? (m.df.get(f) as number) : 1)) / Math.log(m.n))) ** power;
  return (f) => {
    if (f.startsWith('h:') || f.startsWith('m:')) return 0;
    const pair = /^b:([^_]+)_(.+)$/.exec(f);
    const s = of(f);
    return pair ? Math.min(s, Math.max(of(`w:${pair[1]}`), of(`w:${pair[2]}`))) : s;
  };
}

const logOdds = (p: number) => Math.log(p / (1 - p));
const l2s = (process.env.L2S ?? '0.05,0.1,0.2').split(',').map(Number);
const powers = process.env.POWERS === "none" ? [] : (process.env.POWERS ?? "2,3,4").split(",").map(Number);
const decidedN = Number(process.env.DECIDED ?? 300);
type Tally = { bad: number; caught: number; legit: number; held: number; listed: number; at10: number; at15: number; at20: number };
const tallies = new Map<string, Tally>();
const add = (key: string, t: Partial<Tally>) => {
  const cur = tallies.get(key) ?? { bad: 0, caught: 0, legit: 0, held: 0, listed: 0, at10: 0, at15: 0, at20: 0 };
  for (const k of Object.keys(t) as (keyof Tally)[]) cur[k] += t[k] ?? 0;
  tallies.set(key, cur);
};

for (let a = 0; a < 5; a++) {
  for (let b = a + 1; b < 5; b++) {
    const stream = examples.filter((e) => e.outer === a || e.outer === b);
    const m = shipLike(examples.filter((e) => e.outer !== a && e.outer !== b));
    const t = thresholdsFromTable(m.tail, DEFAULT_FALSE_HOLD_BUDGET * budgetShare, REVIEW_SHARE * budgetShare);
    const targets = { unwanted: logOdds(t.hold) + 0.5, wanted: logOdds(t.review) - 0.5, listed: logOdds(t.review) };
    const decided = stream.slice(0, decidedN);
    const rest = stream.slice(decidedN);
    const score = (key: string, deltas?: ReadonlyMap<string, number>) => {
      // Ranking alone: bad comments caught at the score that flags 10, 15, 20 % of this rest's legitimate ones.
      const scored = rest.map((e) => ({ y: e.y, p: logit(m, e.x, deltas) }));
      const legitP = scored.filter((s) => s.y === 0).map((s) => s.p).sort((x, y) => y - x);
      for (const [k, share] of [['at10', 0.1], ['at15', 0.15], ['at20', 0.2]] as const) {
        const cut = legitP[Math.floor(share * legitP.length)] ?? Infinity;
        add(key, { [k]: scored.filter((s) => s.y === 1 && s.p > cut).length });
      }
      for (const e of rest) {
        const base = sigmoid(logit(m, e.x));
        const learned = deltas ? sigmoid(logit(m, e.x, deltas)) : base;
        const call = Math.min(base, learned) >= t.hold ? 'hold' : learned >= t.review ? 'review' : undefined;
        if (e.y === 1) add(key, { bad: 1, caught: call ? 1 : 0 });
        else add(key, { legit: 1, held: call === 'hold' ? 1 : 0, listed: call === 'review' ? 1 : 0 });
      }
    };
    score('cold');
    for (const power of powers) {
      for (const l2 of l2s) {
        const data = decided.map((e) => ({ x: e.x, y: e.y }));
        score(`power ${power}, l2 ${l2}`, fitDeltas(m, data, specificity(m, power), { l2, epochs: 15, learningRate: 0.3, targets }));
        if (process.env.LOGLOSS) score(`logloss power ${power}, l2 ${l2}`, fitDeltas(m, data, specificity(m, power), { l2, epochs: 15, learningRate: 0.3 }));
      }
    }
    console.error(`pair ${a}${b}: stream ${stream.length}, rest ${rest.length}`);
  }
}
const pct = (x: number, y: number) => `${((100 * x) / y).toFixed(1)}%`;
for (const [key, t] of tallies) console.log(`${key.padEnd(22)} caught ${pct(t.caught, t.bad)} (${t.caught}/${t.bad})  legit held ${pct(t.held, t.legit)} listed ${pct(t.listed, t.legit)}  ranking: caught at 10/15/20 % of legit flagged ${pct(t.at10, t.bad)} ${pct(t.at15, t.bad)} ${pct(t.at20, t.bad)}`);

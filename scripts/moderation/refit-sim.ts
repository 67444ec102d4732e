// The toxicity model alone on held-out streams (not the pipeline: `npm run eval:moderation`
// is the figure): the first N comments decided, a refit of them (classifier/refit.ts), the
// rest scored; thresholds shipped, or the site's own from the decided legitimate comments
// scored out of fold (cross-fitted) or in sample. Compares the refit's loss and prior.
// Figures from it guided the refit's choices (docs/moderation.md): they are not test figures.
// Usage: node scripts/moderation-run.mjs scripts/moderation/refit-sim.ts
//        env L2S=0.03,0.1,0.3 (priors) LOSS=margins|logistic
import { calibrate, DEFAULT_FALSE_HOLD_BUDGET, REVIEW_SHARE, thresholdsFromTable, type Thresholds } from '../../src/modules/moderation/classifier/calibration';
import { logit, sigmoid } from '../../src/modules/moderation/classifier/logistic';
import { featuresFor, shippedModel } from '../../src/modules/moderation/classifier/models';
import { fitDeltas, type RefitOptions } from '../../src/modules/moderation/classifier/refit';
import { lessonTargets, specificity } from '../../src/modules/moderation/learning.service';
import { REFIT_FOLDS, refitFold } from '../../src/modules/moderation/refit.service';
import { loadCorpus, loadDatasets, type LabelledComment } from './datasets';

const root = process.cwd();
const toxi = loadDatasets(root).find((d) => d.name === 'toxifrench');
const corpus = loadCorpus(root).check;
const sets: Record<string, LabelledComment[]> = { toxifrench: toxi?.heldOut ?? [], 'corpus-fr': corpus.filter((c) => c.lang === 'fr'), 'corpus-en': corpus.filter((c) => c.lang === 'en') };
const m = shippedModel('toxicity');
const budget = DEFAULT_FALSE_HOLD_BUDGET * m.budgetShare;
const shipped = thresholdsFromTable(m.tail, budget, REVIEW_SHARE * m.budgetShare);
const l2s = (process.env.L2S ?? '0.03,0.1,0.3').split(',').map(Number);
const margins = process.env.LOSS !== 'logistic';
const scale = (f: string) => specificity(m, f);
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : 'n/a');

/** Caught (held or listed) of the bad, held and listed of the legitimate, on the rest. */
function rates(rest: LabelledComment[], deltas: ReadonlyMap<string, number>, own: Thresholds | undefined): string {
  const hold = own ? Math.max(own.hold, shipped.hold) : shipped.hold;
  const review = own ? Math.min(own.review, hold) : shipped.review;
  let bad = 0, caught = 0, held = 0, legit = 0, legitHeld = 0, listed = 0;
  for (const r of rest) {
    const x = featuresFor('toxicity', r.text);
    const base = sigmoid(logit(m, x));
    const learned = sigmoid(logit(m, x, deltas));
    // Without its own calibration, a site's lessons list but do not hold (phases/content.ts `call`).
    const call = (own ? learned : Math.min(base, learned)) >= hold ? 'hold' : learned >= review ? 'review' : undefined;
    if (r.label === 'toxic') {
      bad++;
      if (call) caught++;
      if (call === 'hold') held++;
    } else {
      legit++;
      if (call === 'hold') legitHeld++;
      if (call === 'review') listed++;
    }
  }
  return `caught ${pct(caught, bad)} (held ${pct(held, bad)}), legitimate held ${pct(legitHeld, legit)} listed ${pct(listed, legit)}`;
}

for (const [name, rows] of Object.entries(sets)) {
  for (const n of [300, 1000]) {
    if (rows.length - n < 100) continue;
    const decided = rows.slice(0, n).filter((r) => r.label !== 'spam').map((r) => ({ x: featuresFor('toxicity', r.text), y: r.label === 'toxic' ? (1 as const) : (0 as const), fold: refitFold(r.text) }));
    const rest = rows.slice(n).filter((r) => r.label !== 'spam');
    for (const l2 of l2s) {
      const opts: RefitOptions = { l2, epochs: 15, learningRate: 0.3, ...(margins ? { targets: { ...lessonTargets('toxicity'), ...(process.env.ALL_APPROVALS ? { listed: -Infinity } : {}) } } : {}) };
      const deltas = fitDeltas(m, decided, scale, opts);
      const outOfFold: number[] = [];
      for (let k = 0; k < REFIT_FOLDS; k++) {
        const without = fitDeltas(m, decided.filter((e) => e.fold !== k), scale, opts);
        for (const e of decided) if (e.fold === k && e.y === 0) outOfFold.push(sigmoid(logit(m, e.x, without)));
      }
      const inSample = decided.filter((e) => e.y === 0).map((e) => sigmoid(logit(m, e.x, deltas)));
      const own = (scores: number[]) => (scores.length >= 200 ? calibrate(m.tail, budget, scores, REVIEW_SHARE * m.budgetShare) : undefined);
      const line = [`${name} after ${n}, l2 ${l2}`, `shipped thresholds: ${rates(rest, deltas, undefined)}`];
      if (outOfFold.length >= 200) line.push(`site's, out of fold: ${rates(rest, deltas, own(outOfFold))}`, `site's, in sample: ${rates(rest, deltas, own(inSample))}`);
      console.log(line.join(' | '));
    }
  }
}

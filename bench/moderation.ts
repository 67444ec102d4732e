// Speed of the whole moderation pipeline per comment (not a test): every phase,
// with the real database lookups, on a SQLite file, for the held-out comments of
// ../shared/datasets plus the seed's five. Prints the median and p95 in ms; then the
// site's refit of 1,000 decisions, synchronous (its CPU) and as the site runs it (in
// slices, comments evaluated meanwhile): its wall time, the longest event-loop block
// (monitorEventLoopDelay max) and the comments' p99 during it.
// Usage: npm run bench:moderation
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { closeDeps, createDeps } from '../src/deps';
import { findArticleById } from '../src/modules/articles/article.repository';
import { articleContext, commenterLookups, evaluate } from '../src/modules/moderation/moderation.service';
import { warmUpReadability } from '../src/modules/moderation/readability';
import { getDiscussionSettings } from '../src/modules/moderation/settings';
import { loadDatasets } from '../scripts/moderation/datasets';
import { featuresFor, shippedModel } from '../src/modules/moderation/classifier/models';
import { fitDeltas, timeSlicer } from '../src/modules/moderation/classifier/refit';
import { fitModel, REFIT_FOLDS, refitFold, refitOptions } from '../src/modules/moderation/refit.service';
import { legitimateScores, specificity } from '../src/modules/moderation/learning.service';

const dir = mkdtempSync(join(tmpdir(), 'palabre-bench-moderation-'));
const deps = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' }));
const now = new Date().toISOString();
const { id } = await deps.db
  .insertInto('articles')
  .values({ slug: 'bench', title: 'Bench', summary: '', body: '', section_id: null, dateline: '', status: 'published', publish_at: now, created_at: now, updated_at: now, comments_open: 1, image_id: null, correction: null, lang: 'fr', moderation: null, version: 1 })
  .returning('id')
  .executeTakeFirstOrThrow();
const stored = await findArticleById(deps.db, id);
if (!stored) throw new Error('the bench article was not stored');
const article = articleContext(stored, new Date());
const settings = await getDiscussionSettings(deps);
const texts = loadDatasets(process.cwd()).flatMap((d) => d.heldOut.map((c) => c.text));
warmUpReadability();
const times: number[] = [];
const contextFor = (body: string, i: number) => ({
  body,
  name: 'Lecteur',
  email: `l${i}@example.test`,
  ip: null,
  ipHash: `bench-${i}`,
  user: null,
  article,
  parentId: null,
  settings,
  now: new Date(),
  secret: deps.secret,
  lookups: commenterLookups(deps, article.id, { userId: null, email: `l${i}@example.test`, ipHash: `bench-${i}` }),
});
for (let round = 0; round < 3; round++) {
  for (const [i, body] of texts.entries()) {
    const t0 = performance.now();
    await evaluate(contextFor(body, i)).catch(() => undefined);
    if (round > 0) times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const at = (q: number, xs = times) => (xs[Math.floor(q * (xs.length - 1))] ?? 0).toFixed(3);
// The periodic refit (refit.service.ts) of 1,000 toxicity decisions: the full fit and its
// REFIT_FOLDS cross-fits, the CPU a recalibration spends (every RECALIBRATE_EVERY decisions).
const m = shippedModel('toxicity');
const heldOut = loadDatasets(process.cwd()).flatMap((d) => d.heldOut).filter((c) => c.label !== 'spam');
const decided = heldOut.slice(0, 1000).map((c, id) => ({ id, fold: refitFold(c.text), x: featuresFor('toxicity', c.text), y: c.label === 'toxic' ? (1 as const) : (0 as const) }));
const r0 = performance.now();
for (let k = 0; k <= REFIT_FOLDS; k++) fitDeltas(m, k === 0 ? decided : decided.filter((r) => r.fold !== k - 1), (f) => specificity(m, f), refitOptions('toxicity'));
const refitMs = performance.now() - r0;
// The same refit as the site runs it (site-calibration.service.ts): in slices, then the scoring
// of the legitimate comments for the thresholds. Alone first: its wall time and the longest the
// event loop was blocked (monitorEventLoopDelay max); then again while comments keep coming
// (one per turn of the event loop, as requests arrive): their p99 meanwhile.
const legitimate = heldOut.filter((c) => c.label !== 'toxic').map((c) => c.text);
const slices = { longestSliceMs: 0, longestSliceCpuMs: 0 };
const backgroundRefit = async () => {
  const pause = timeSlicer(undefined, slices);
  const fitted = await fitModel('toxicity', decided, pause);
  await legitimateScores('toxicity', legitimate, fitted.weights, () => undefined, pause);
};
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const s0 = performance.now();
await backgroundRefit();
const slicedMs = performance.now() - s0;
loop.disable();
const longestSlice = { ...slices };
let refitting = true as boolean;
const during: number[] = [];
const comments = (async () => {
  for (let i = 0; refitting; i++) {
    // Each comment arrives as I/O does, after what the event loop has pending (a loop of
    // promises alone would starve the refit's setImmediate).
    await new Promise((resolve) => setImmediate(resolve));
    const t0 = performance.now();
    await evaluate(contextFor(texts[i % texts.length] as string, i)).catch(() => undefined);
    during.push(performance.now() - t0);
  }
})();
await backgroundRefit();
refitting = false;
await comments;
during.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    comments: times.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    maxMs: at(1),
    refitOf1000DecisionsMs: refitMs.toFixed(0),
    refitInMedianComments: Math.round(refitMs / Number(at(0.5))),
    backgroundRefitWallMs: slicedMs.toFixed(0),
    legitimateScored: legitimate.length,
    longestEventLoopBlockMs: (loop.max / 1e6).toFixed(1),
    longestRefitSliceMs: longestSlice.longestSliceMs.toFixed(1),
    longestRefitSliceCpuMs: longestSlice.longestSliceCpuMs.toFixed(1),
    commentsDuringRefit: during.length,
    commentDuringRefitP99Ms: at(0.99, during),
  }),
);
await closeDeps(deps);
rmSync(dir, { recursive: true, force: true });

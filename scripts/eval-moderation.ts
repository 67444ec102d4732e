// Measures the moderation pipeline on the fixed held-out 30 % of ../shared/datasets
// (never trained on; split by a hash of the folded text), through the real HTTP API
// of a fresh Palabre on an in-memory SQLite database:
//   cold:  POST /api/v1/moderation/evaluate for every held-out comment, at the default
//          false-hold budget (3 %) and at 10 %;
//   after N decisions (100, 300, 1000): the first N comments of the stream are posted
//          and decided by a moderator through the API (approve / spam / reject), the
//          rest evaluated (and, for comparison, the same rest cold);
//   checks: the seed's five comments, the 50 plain news comments, English fixtures.
// Per set: caught (held), caught (held + listed for review), legitimate held, the
// false-hold rate against the budget (held then approved, in the decided stream), and
// the review list: its size and the share of bad comments in its riskiest tenth.
// `corpus-check-*` are the held-out part of the corpus written for Palabre: extra
// checks, never acceptance figures (its authors wrote the training part too).
// Usage: npm run eval:moderation [-- --quick]   (quick: cold only)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { closeDeps, createDeps } from '../src/deps';
import { addUser, createApiToken } from '../src/modules/accounts/user.service';
import { DEFAULT_FALSE_HOLD_BUDGET } from '../src/modules/moderation/classifier/calibration';
import { getDiscussionSettings, saveDiscussionSettings } from '../src/modules/moderation/settings';
import { siteCalibrationSettled } from '../src/modules/moderation/site-calibration.service';
import { loadCorpus, loadDatasets, loadNewsComments, type LabelledComment } from './moderation/datasets';

const root = process.cwd();
const quick = process.argv.includes('--quick');
/** --only=NAME,NAME: only the sets whose name starts with one of these. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const DECISIONS = [100, 300, 1000];
/** The rest must keep at least this many comments for an "after N" figure to mean something. */
const MIN_REST = 100;
/** Requests per editor account, under the default write limit of 300 a minute per account. */
const WRITES_PER_EDITOR = 250;

interface LabelledSet {
  name: string;
  rows: LabelledComment[];
  /** Whether a label is unwanted. */
  bad: (label: string) => boolean;
}

async function site(budget: number) {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', PALABRE_DEMO: '0', LOG_LEVEL: 'silent', PALABRE_BASE_URL: 'http://localhost:3000' });
  const deps = await createDeps(config);
  // The budget under test. The per-story rules are off: every labelled comment goes to one
  // article, which they would switch to pre-moderation (they are measured by their own tests).
  // The bot traps are off too (minSubmitSeconds 0): the comments come through the JSON API
  // without the form's token, and what is measured is what the text says.
  const current = await getDiscussionSettings(deps);
  await saveDiscussionSettings(deps, { ...current, falseHoldBudget: budget, minSubmitSeconds: 0, autoRules: { ...current.autoRules, enabled: false } });
  const app = await buildApp(deps);
  await app.ready();
  // Every write route is limited per account (300 a minute): the evaluation's thousands of
  // requests are spread over editors, a new one every WRITES_PER_EDITOR requests.
  let editors = 0;
  let used = WRITES_PER_EDITOR;
  let headers: Record<string, string> = {};
  const auth = async () => {
    if (used++ >= WRITES_PER_EDITOR) {
      const email = `moderation${++editors}@example.test`;
      await addUser(deps, { email, name: `Modération ${editors}`, role: 'editor', password: 'correct horse battery staple' });
      headers = { authorization: `Bearer ${await createApiToken(deps, email)}` };
      used = 1;
    }
    return headers;
  };
  const article = await app.inject({ method: 'POST', url: '/api/v1/articles', headers: await auth(), payload: { title: 'Évaluation', body: 'Texte.', status: 'published' } });
  const close = async () => {
    await app.close();
    await closeDeps(deps);
  };
  return { app, deps, auth, articleId: article.json<{ id: number }>().id, close };
}
type Site = Awaited<ReturnType<typeof site>>;

interface Outcome {
  status: string;
  review: boolean;
  risk: number;
  reasons: string[];
}

async function evaluate(s: Site, text: string): Promise<Outcome> {
  const res = await s.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: await s.auth(), payload: { body: text, articleId: s.articleId } });
  if (res.statusCode !== 200) return { status: `error`, review: false, risk: 0, reasons: [] };
  const r = res.json<{ status: string; reasons: { code: string }[]; scores: Record<string, number> }>();
  const review = r.status === 'published' && r.reasons.some((x) => x.code === 'review');
  return { status: r.status, review, risk: r.scores.reviewRisk ?? 0, reasons: r.reasons.map((x) => x.code) };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function rates(set: LabelledSet, rows: LabelledComment[], out: Outcome[]) {
  const pairs = rows.map((r, i) => [r, out[i] as Outcome] as const);
  const pos = pairs.filter(([r]) => set.bad(r.label));
  const neg = pairs.filter(([r]) => !set.bad(r.label));
  const held = (o: Outcome) => o.status !== 'published';
  const list = pairs.filter(([, o]) => o.review).sort((a, b) => b[1].risk - a[1].risk);
  const tenth = list.slice(0, Math.max(1, Math.ceil(list.length / 10)));
  const heldReasons = new Map<string, number>();
  for (const [, o] of neg.filter(([, o]) => held(o))) for (const c of o.reasons) heldReasons.set(c, (heldReasons.get(c) ?? 0) + 1);
  return {
    n: rows.length,
    bad: pos.length,
    caughtHeld: pct(pos.filter(([, o]) => held(o)).length, pos.length),
    caughtHeldOrReview: pct(pos.filter(([, o]) => held(o) || o.review).length, pos.length),
    legitimateHeld: pct(neg.filter(([, o]) => held(o)).length, neg.length),
    legitimateListed: pct(neg.filter(([, o]) => o.review).length, neg.length),
    reviewList: { size: list.length, badShare: pct(list.filter(([r]) => set.bad(r.label)).length, list.length), riskiestTenthBadShare: list.length ? pct(tenth.filter(([r]) => set.bad(r.label)).length, tenth.length) : 'n/a' },
    whyLegitimateHeld: Object.fromEntries(heldReasons),
  };
}

async function cold(set: LabelledSet, budget: number): Promise<Outcome[]> {
  const s = await site(budget);
  const out: Outcome[] = [];
  for (const c of set.rows) out.push(await evaluate(s, c.text));
  await s.close();
  return out;
}

/** The first n comments posted and decided through the API, the rest evaluated. */
async function afterDecisions(set: LabelledSet, n: number, budget: number) {
  const s = await site(budget);
  let legit = 0;
  let legitHeld = 0;
  const why = new Map<string, number>();
  for (const [i, c] of set.rows.slice(0, n).entries()) {
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${s.articleId}/comments`,
      remoteAddress: `10.${Math.floor(i / 250) % 250}.${i % 250}.1`,
      payload: { body: c.text.slice(0, 5000), name: `Lecteur ${i}`, email: `lecteur${i}@example.test` },
    });
    if (res.statusCode !== 201) continue;
    const posted = res.json<{ id: number; status: string; reasons: { code: string }[] }>();
    const action = !set.bad(c.label) ? 'approve' : c.label === 'spam' ? 'spam' : 'reject';
    if (action === 'approve') {
      legit++;
      if (posted.status !== 'published') {
        legitHeld++;
        for (const x of posted.reasons) why.set(x.code, (why.get(x.code) ?? 0) + 1);
      }
    }
    await s.app.inject({ method: 'POST', url: `/api/v1/comments/${posted.id}/moderation`, headers: await s.auth(), payload: { action } });
  }
  // The refit of the n decisions runs in the background (no comment waits for it): the rest is
  // evaluated with it in force.
  await siteCalibrationSettled(s.deps);
  const out: Outcome[] = [];
  for (const c of set.rows.slice(n)) out.push(await evaluate(s, c.text));
  await s.close();
  return { out, falseHoldRateWhileDeciding: `${pct(legitHeld, legit)} (${[...why].map(([c, k]) => `${c} ${k}`).join(', ')})` };
}

const [youtube, toxi] = loadDatasets(root);
if (!youtube || !toxi) throw new Error('datasets missing');
const isBad = (l: string) => l === 'spam' || l === 'toxic';
const corpusCheck = loadCorpus(root).check;
const sets: LabelledSet[] = [
  { name: 'youtube-spam', rows: youtube.heldOut, bad: isBad },
  { name: 'toxifrench', rows: toxi.heldOut, bad: isBad },
  ...(['fr', 'en'] as const).map((lang) => ({ name: `corpus-check-${lang}`, rows: corpusCheck.filter((c) => c.lang === lang), bad: isBad })).filter((s) => s.rows.length > 0),
];
// A bilingual site: every held-out stream interleaved, long enough for 1,000 decisions.
const streams = sets.map((s) => s.rows);
const mixed: LabelledComment[] = [];
for (let i = 0; streams.some((r) => i < r.length); i++) for (const r of streams) if (i < r.length) mixed.push(r[i] as LabelledComment);
sets.push({ name: 'mixed (all held-out streams interleaved)', rows: mixed, bad: isBad });

const results: Record<string, unknown> = {};
for (const set of sets.filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
  const coldDefault = await cold(set, DEFAULT_FALSE_HOLD_BUDGET);
  const entry: Record<string, unknown> = {
    [`cold, budget ${DEFAULT_FALSE_HOLD_BUDGET}`]: rates(set, set.rows, coldDefault),
    'cold, budget 0.1': rates(set, set.rows, await cold(set, 0.1)),
  };
  if (!quick) {
    for (const n of DECISIONS) {
      if (set.rows.length - n < MIN_REST) {
        entry[`after ${n} decisions`] = `n/a: ${set.rows.length} comments, fewer than ${n} + ${MIN_REST}`;
        continue;
      }
      const rest = set.rows.slice(n);
      const after = await afterDecisions(set, n, DEFAULT_FALSE_HOLD_BUDGET);
      entry[`after ${n} decisions`] = { budget: DEFAULT_FALSE_HOLD_BUDGET, falseHoldRateWhileDeciding: after.falseHoldRateWhileDeciding, evaluatedOnTheRest: rates(set, rest, after.out), restCold: rates(set, rest, coldDefault.slice(n)) };
    }
  }
  results[set.name] = entry;
  console.error(JSON.stringify({ [set.name]: entry }));
}

const s = await site(DEFAULT_FALSE_HOLD_BUDGET);
const seed = readFileSync(join(root, '../shared/seeds/000_70dd4064b709cd77.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).slice(6, 11);
results.seed = [];
for (const [i, body] of seed.entries()) {
  const res = await s.app.inject({ method: 'POST', url: `/api/v1/articles/${s.articleId}/comments`, remoteAddress: `203.0.113.${10 + i}`, payload: { body, name: `Lecteur ${i + 1}`, email: `l${i}@example.test` } });
  const r = res.json<{ status: string; reasons: { code: string; detail?: string }[] }>();
  (results.seed as unknown[]).push({ comment: i + 1, text: body.slice(0, 50), status: r.status, reasons: r.reasons.map((x) => (x.detail ? `${x.code} (${x.detail})` : x.code)) });
}
const news = loadNewsComments(root, 'check');
const newsOut: Outcome[] = [];
for (const c of news) newsOut.push(await evaluate(s, c.text));
results.newsCheck = { comments: news.length, published: newsOut.filter((o) => o.status === 'published').length, listedForReview: newsOut.filter((o) => o.review).length };
const en = JSON.parse(readFileSync(join(root, 'test/fixtures/moderation-en.json'), 'utf8')) as { toxic: string[]; ok: string[] };
const enToxic: Outcome[] = [];
for (const t of en.toxic) enToxic.push(await evaluate(s, t));
const enOk: Outcome[] = [];
for (const t of en.ok) enOk.push(await evaluate(s, t));
results.englishFixture = { toxicHeld: `${enToxic.filter((o) => o.status !== 'published').length}/${en.toxic.length}`, toxicHeldOrReview: `${enToxic.filter((o) => o.status !== 'published' || o.review).length}/${en.toxic.length}`, okHeld: `${enOk.filter((o) => o.status !== 'published').length}/${en.ok.length}` };
await s.close();
console.log(JSON.stringify(results, null, 2));

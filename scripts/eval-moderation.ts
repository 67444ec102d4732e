// Measures the moderation pipeline on the fixed held-out 30% of ../shared/datasets
// (never used in training), through the real HTTP API of a fresh Palabre on an
// in-memory SQLite database:
//   1. as shipped: POST /api/v1/moderation/evaluate for every held-out comment;
//   2. after a newsroom's first days: the first 300 held-out comments are posted and
//      decided by a moderator through the API (approve / spam / reject), the rest evaluated;
//   3. the seed's five comments through the real posting path, with their reasons.
// Caught = anything but published (held, spam or refused). Usage: npm run eval:moderation
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { closeDeps, createDeps } from '../src/deps';
import { addUser, createApiToken } from '../src/modules/accounts/user.service';
import { loadDatasets, type Dataset, type LabelledComment } from './moderation/datasets';

const root = process.cwd();
const FIRST_DAYS = 300;

async function site() {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', PALABRE_DEMO: '0', LOG_LEVEL: 'silent', PALABRE_BASE_URL: 'http://localhost:3000' });
  const deps = await createDeps(config);
  const app = await buildApp(deps);
  await app.ready();
  await addUser(deps, { email: 'moderation@example.test', name: 'Modération', role: 'editor', password: 'correct horse battery staple' });
  const auth = { authorization: `Bearer ${await createApiToken(deps, 'moderation@example.test')}` };
  const article = await app.inject({ method: 'POST', url: '/api/v1/articles', headers: auth, payload: { title: 'Évaluation', body: 'Texte.', status: 'published' } });
  const close = async () => {
    await app.close();
    await closeDeps(deps);
  };
  return { app, auth, articleId: article.json<{ id: number }>().id, close };
}

type Site = Awaited<ReturnType<typeof site>>;

async function evaluate(s: Site, text: string): Promise<string> {
  const res = await s.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: s.auth, payload: { body: text, articleId: s.articleId } });
  if (res.statusCode !== 200) return `error ${res.json<{ error: string }>().error}`;
  return res.json<{ status: string }>().status;
}

function rates(d: Dataset, rows: LabelledComment[], statuses: string[]) {
  const pos = rows.map((r, i) => [r, statuses[i]] as const).filter(([r]) => r.label === d.positive);
  const neg = rows.map((r, i) => [r, statuses[i]] as const).filter(([r]) => r.label !== d.positive);
  const caught = pos.filter(([, s]) => s !== 'published').length / pos.length;
  const held = neg.filter(([, s]) => s !== 'published').length / neg.length;
  return { n: rows.length, positives: pos.length, caught: `${(caught * 100).toFixed(1)}%`, legitimateHeld: `${(held * 100).toFixed(1)}%` };
}

const results: Record<string, unknown> = {};
for (const d of loadDatasets(root)) {
  const shipped = await site();
  const asShipped: string[] = [];
  for (const c of d.heldOut) asShipped.push(await evaluate(shipped, c.text));
  await shipped.close();

  const s = await site();
  const firstDays = d.heldOut.slice(0, FIRST_DAYS);
  const rest = d.heldOut.slice(FIRST_DAYS);
  for (const [i, c] of firstDays.entries()) {
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${s.articleId}/comments`,
      remoteAddress: `10.${Math.floor(i / 250)}.${i % 250}.1`,
      payload: { body: c.text.slice(0, 5000), name: `Lecteur ${i}`, email: `lecteur${i}@example.test` },
    });
    if (res.statusCode !== 201) continue;
    const action = c.label !== d.positive ? 'approve' : d.positive === 'spam' ? 'spam' : 'reject';
    await s.app.inject({ method: 'POST', url: `/api/v1/comments/${res.json<{ id: number }>().id}/moderation`, headers: s.auth, payload: { action } });
  }
  const afterDays: string[] = [];
  for (const c of rest) afterDays.push(await evaluate(s, c.text));
  await s.close();

  results[d.name] = {
    heldOut: rates(d, d.heldOut, asShipped),
    afterFirstDays: { decided: firstDays.length, evaluatedOnTheRest: rates(d, rest, afterDays), restAsShipped: rates(d, rest, asShipped.slice(FIRST_DAYS)) },
  };
}

const s = await site();
const seed = readFileSync(join(root, '../shared/seeds/000_70dd4064b709cd77.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).slice(6, 11);
results.seed = [];
for (const [i, body] of seed.entries()) {
  const res = await s.app.inject({ method: 'POST', url: `/api/v1/articles/${s.articleId}/comments`, remoteAddress: `203.0.113.${10 + i}`, payload: { body, name: `Lecteur ${i + 1}`, email: `l${i}@example.test` } });
  const r = res.json<{ status: string; reasons: { code: string; detail?: string }[] }>();
  (results.seed as unknown[]).push({ comment: i + 1, text: body.slice(0, 50), status: r.status, reasons: r.reasons.map((x) => (x.detail ? `${x.code} (${x.detail})` : x.code)) });
}
await s.close();
console.log(JSON.stringify(results, null, 2));

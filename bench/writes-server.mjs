// The built server for the write benchmark (bench/writes.mjs): a fresh database (a SQLite file, or a
// throw-away schema of DATABASE_URL's PostgreSQL), an editor's token, one article with 200
// comments, the per-story automatic rules off (one article takes every comment, which they would
// switch to pre-moderation), and the client address taken from X-Forwarded-For.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_CLI: another build to compare (e.g. the previous commit's dist/cli.js).
const CLI = process.env.BENCH_CLI ?? join(root, 'dist/cli.js');

/** A port free on 127.0.0.1 right now. */
export async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

export function benchEnv(port) {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-writes-'));
  const schema = `bench_writes_${randomBytes(4).toString('hex')}`;
  const pgUrl = process.env.DATABASE_URL;
  const env = {
    ...process.env,
    ...(process.env.BENCH_STATIC === '0' ? {} : { PALABRE_STATIC_DIR: join(dir, 'static') }),
    DATABASE_URL: pgUrl ? `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}` : `sqlite:${join(dir, 'bench.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PALABRE_DEMO: '0',
    PALABRE_TRUST_PROXY: '1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  return { dir, schema, env, engine: pgUrl ? 'postgres' : 'sqlite', sqliteFile: join(dir, 'bench.db') };
}

export const cli = (env, args) => execFileSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' }).trim();

/** Starts `palabre serve` in its own process group (so kill -9 reaches every worker). */
export function startServer(env, extraArgs = []) {
  // BENCH_LOG=FILE keeps the server's log (pino writes to stdout); BENCH_LOG_LEVEL=debug adds e.g. each flush of the snapshot worker.
  const out = process.env.BENCH_LOG ? openSync(process.env.BENCH_LOG, 'a') : 'ignore';
  return spawn(process.execPath, [...extraArgs, CLI, 'serve'], { env, stdio: ['ignore', out, 'inherit'], detached: true });
}

export async function waitUp(base) {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** Makes the editor, the article and its 200 comments; returns what the posters need. */
export function prepare(env) {
  cli(env, ['migrate']);
  cli(env, ['user', 'add', '--email', 'bench@example.test', '--name', 'Bench Editor', '--role', 'editor']);
  const token = cli(env, ['token', 'create', '--email', 'bench@example.test']);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return { token, auth };
}


export async function seed(base, auth) {
  const send = async (method, path, body) => {
    const res = await fetch(base + path, { method, headers: auth, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await send('PUT', '/api/v1/settings/discussion', { autoRules: { enabled: false } });
  const paragraph = 'Le Mali, plongé depuis 2012 dans une crise sécuritaire profonde, s’est détourné de ses partenaires européens. ';
  const article = await send('POST', '/api/v1/articles', {
    title: 'La coopération militaire en question',
    summary: paragraph,
    body: Array.from({ length: 8 }, () => paragraph.repeat(3)).join('\n\n'),
    tags: ['mali'],
    status: 'published',
  });
  const ids = [];
  for (let i = 0; i < 200; i++) {
    const parentId = i % 3 === 2 ? ids[Math.floor(Math.random() * ids.length)] : undefined;
    const c = await send('POST', `/api/v1/articles/${article.id}/comments`, {
      body: `Commentaire ${i + 1} : la coopération doit rester transparente et les citoyens méritent de savoir ce qui a été livré.`,
      ...(parentId ? { parentId } : {}),
    });
    ids.push(c.id);
  }
  return article;
}

const OPENINGS = ['Je pense que', 'Il me semble que', 'À mon avis,', 'Franchement,', 'Pour ma part,', 'Comme beaucoup,', 'Après lecture,', 'Sur le fond,'];
const SUBJECTS = ['la coopération', 'le gouvernement', 'la population', 'cette décision', 'la presse locale', 'le parlement', 'la diplomatie', 'la région'];
const PREDICATES = [
  'mérite un vrai débat public',
  'devrait rendre des comptes aux citoyens',
  'reste trop discrète sur ses objectifs',
  'a besoin de temps pour porter ses fruits',
  'change la donne pour les familles',
  'ne convainc pas encore tout le monde',
  'soulève des questions légitimes',
  'avance dans la bonne direction',
];
const CLOSINGS = ['Merci pour cet article.', 'À suivre de près.', 'Bon travail de la rédaction.', 'Affaire à suivre.', 'Merci pour ces précisions.', 'Très instructif.'];

/** The n-th ordinary comment of poster p: a different text each time, as readers write them. */
export function commentText(p, n) {
  const pick = (list, k) => list[k % list.length];
  const k = p * 7919 + n * 104729;
  return `${pick(OPENINGS, k)} ${pick(SUBJECTS, k >> 3)} ${pick(PREDICATES, k >> 6)}, surtout après ${n + 2} semaines de discussions (lecteur ${p + 1}). ${pick(CLOSINGS, k >> 9)}`;
}

/** The n-th poster's own address: every comment from another reader (neither the per-address limit nor the flood rule applies). */
export function address(p, n) {
  return `${10 + Math.floor(p / 256)}.${p % 256}.${(n >> 8) % 256}.${n % 256}`;
}

export function cleanup(setup) {
  // BENCH_KEEP=1: the database folder is left for a look (its path printed).
  if (process.env.BENCH_KEEP) return console.log(`kept ${setup.dir}`);
  rmSync(setup.dir, { recursive: true, force: true, maxRetries: 5 });
  if (setup.engine === 'postgres') spawnSync('psql', [process.env.DATABASE_URL, '-qc', `drop schema if exists ${setup.schema} cascade`], { stdio: 'ignore' });
}

/**
 * CPU time (user + system, ms) used so far by each process of a process group (Linux /proc), by
 * what it is: `primary`, `worker 0`, `worker 1`…, `snapshots` (its PALABRE_WORKER_INDEX), or
 * `server` for a single process. A worker replaced during the run (kill -9) adds to its name.
 */
export function groupCpuByProcess(pgid) {
  const tick = 1000 / 100; // USER_HZ
  const byName = new Map();
  for (const pid of readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    let environ = '';
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {}
    const index = /(?:^|\0)PALABRE_WORKER_INDEX=([^\0]*)/.exec(environ)?.[1];
    const name = index === undefined ? (Number(pid) === pgid ? 'primary' : 'other') : index === 'snapshots' ? 'snapshots' : `worker ${index}`;
    byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * tick);
  }
  // One process serving alone is not a primary.
  if (byName.size === 1 && byName.has('primary')) return new Map([['server', byName.get('primary')]]);
  return byName;
}

/** CPU time (user + system, ms) used so far by the processes of a process group. */
export function groupCpuMs(pgid) {
  return [...groupCpuByProcess(pgid).values()].reduce((a, b) => a + b, 0);
}

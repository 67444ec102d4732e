// The render of a long discussion (not a test): what each static-snapshot rewrite of an article
// page costs the server under a breaking-news thread. One SQLite database, an article with
// BENCH_COMMENTS comments (default 3,000, a third of them replies), then two builds served on it
// in turn — BENCH_CLI (another build, e.g. main's dist/cli.js copied as dist/cli-base.js) and
// dist/cli.js — alternating (base, this, base, this; BENCH_ROUNDS pairs, default 2), one process
// each (PALABRE_WORKERS=1). Each round renders the article page BENCH_RENDERS times per order
// (default 10) signed in (a signed-in reader always gets a fresh render, the same work as a
// snapshot's), and prints per order the median time, the server's CPU per render (/proc: the
// figure that compares builds on a loaded machine) and the page's size, with `uptime` beside.
// Usage: npm run build && BENCH_CLI=dist/cli-base.js node bench/discussion-render.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './writes-server.mjs';

const comments = Number(process.env.BENCH_COMMENTS ?? 3000);
const renders = Number(process.env.BENCH_RENDERS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const base = process.env.BENCH_CLI;
if (!base) throw new Error('BENCH_CLI: the build to compare with (e.g. dist/cli-base.js)');
const builds = [
  ['base', base.startsWith('/') ? base : join(root, base)],
  ['this', join(root, 'dist/cli.js')],
];
const dir = mkdtempSync(join(tmpdir(), 'palabre-render-'));
const port = Number(process.env.BENCH_PORT ?? 39181);
const url = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, PORT: String(port), HOST: '127.0.0.1', PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PALABRE_WORKERS: '1' };
const cli = (args) => execFileSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { env, encoding: 'utf8' }).trim();

/** CPU time (user + system, ms) a process used so far (Linux /proc). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function serve(cliPath) {
  const server = spawn(process.execPath, [cliPath, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function stop(server) {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

cli(['migrate']);
cli(['user', 'add', '--email', 'bench@example.test', '--name', 'Bench Editor', '--role', 'editor']);
const auth = { authorization: `Bearer ${cli(['token', 'create', '--email', 'bench@example.test'])}`, 'content-type': 'application/json' };
const send = async (method, path, body) => {
  const res = await fetch(url + path, { method, headers: auth, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

let server = await serve(join(root, 'dist/cli.js'));
await send('PUT', '/api/v1/settings/discussion', { autoRules: { enabled: false } });
const article = await send('POST', '/api/v1/articles', { title: 'La crue, minute par minute', body: 'Le fleuve a atteint la cote d’alerte.', status: 'published' });
const path = new URL(article.url).pathname;
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ids = [];
for (let i = 0; i < comments; i += 8) {
  // Eight at a time; a reply's parent is one posted before its batch.
  const batch = Array.from({ length: Math.min(8, comments - i) }, (_, k) => {
    const n = i + k;
    const parentId = n % 3 === 2 && ids.length > 0 ? ids[Math.floor(random() * ids.length)] : undefined;
    return send('POST', `/api/v1/articles/${article.id}/comments`, { body: `Témoignage ${n + 1} : l’eau monte encore dans notre quartier, les secours sont passés.`, ...(parentId ? { parentId } : {}) });
  });
  for (const c of await Promise.all(batch)) ids.push(c.id);
}
await stop(server);
console.log(`discussion render: ${comments} comments under one article (a third replies), ${renders} signed-in renders per order and round, PALABRE_WORKERS=1`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let round = 1; round <= rounds; round++) {
  for (const [name, cliPath] of builds) {
    const load = execFileSync('uptime', { encoding: 'utf8' }).trim();
    server = await serve(cliPath);
    const line = [];
    for (const sort of ['oldest', 'newest', 'top', 'picks']) {
      const page = `${url}${path}${sort === 'oldest' ? '' : `?sort=${sort}`}`;
      for (let i = 0; i < 2; i++) await (await fetch(page, { headers: auth })).text(); // warm-up
      const times = [];
      let bytes = 0;
      const cpu0 = cpuMs(server.pid);
      for (let i = 0; i < renders; i++) {
        const t0 = performance.now();
        bytes = (await (await fetch(page, { headers: auth })).text()).length;
        times.push(performance.now() - t0);
      }
      const cpu = (cpuMs(server.pid) - cpu0) / renders;
      line.push(`${sort} ${median(times).toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms) ${(bytes / 1024).toFixed(0)} KiB`);
    }
    await stop(server);
    console.log(`round ${round} ${name}: ${line.join('; ')}   [${load}]`);
  }
}
rmSync(dir, { recursive: true, force: true });

// Load benchmarks (not tests): starts the built server on a fresh SQLite file (PALABRE_WORKERS
// processes, default one per core, writing static snapshots), loads an article with 200 comments,
// and measures requests/s and p99 with autocannon on loopback: Palabre's application path, the
// snapshot path (nginx in front of PALABRE_STATIC_DIR, docs/operations.md) and nginx serving the
// same bytes as a plain file, side by side with their ratios, in one run.
// Usage: npm run bench   (BENCH_SECONDS=10, BENCH_CONNECTIONS=50, DATABASE_URL to use PostgreSQL)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { snapshotNginxConf } from '../scripts/nginx-conf.mjs';
import { startBenchServer } from './lib/server.mjs';
import { seedStory } from './lib/story.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const port = Number(process.env.BENCH_PORT ?? 3999);
// Static snapshots on (PALABRE_STATIC_DIR in the bench folder, unless the environment names one).
const { base, dir, env, token, post, stop } = await startBenchServer({ port, staticDir: true });
const staticDir = env.PALABRE_STATIC_DIR;
const article = await seedStory(post);
const articlePath = new URL(article.url).pathname;

// wrk (C, Debian's package `wrk`) when installed: autocannon runs in Node and, on a small machine, is
// itself the bottleneck against nginx, so ratios to nginx are only meaningful with wrk.
const wrk = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).stdout.trim();
const loader = wrk ? `wrk -t2 -c${connections}` : `autocannon -c${connections} (install wrk for ratios to nginx)`;

async function runWrk(target, headers) {
  const args = ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), target];
  // Asynchronous: the bench keeps posting and polling (a new comment during the load) while wrk runs.
  const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const scale = { us: 0.001, ms: 1, s: 1000 };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, p99: p99 ? Math.round(Number(p99[1]) * scale[p99[2]]) : NaN, errors };
}

async function run(title, path, headers = {}, url = base) {
  let measured;
  if (wrk) measured = await runWrk(url + path, headers);
  else {
    const result = await autocannon({ url: url + path, connections, duration: seconds, headers });
    measured = { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
  }
  const row = { title, path, rps: Math.round(measured.rps), p99: measured.p99, errors: measured.errors };
  console.log(`${title.padEnd(44)} ${String(row.rps).padStart(7)} req/s   p99 ${String(row.p99).padStart(4)} ms   errors ${row.errors}`);
  return row;
}

const size = (await (await fetch(base + articlePath)).arrayBuffer()).byteLength;
console.log(`${loader}: ${connections} connections, ${seconds} s each, ${env.DATABASE_URL.split(":")[0]}, PALABRE_WORKERS=${env.PALABRE_WORKERS ?? "(one per core)"}; article page ${Math.round(size / 1024)} KiB`);
const rows = [];
const gzip = { 'accept-encoding': 'gzip' };
rows.push(await run('home page (anonymous, cached, gzip)', '/', gzip));
rows.push(await run('article + 200 comments (cached, gzip)', articlePath, gzip));
rows.push(await run('article + 200 comments (cached, identity)', articlePath));
rows.push(await run('article + 200 comments (uncached render)', articlePath, { authorization: `Bearer ${token}`, ...gzip }));
rows.push(await run('home page (uncached render)', '/', { authorization: `Bearer ${token}`, ...gzip }));

// nginx: the snapshot path (docs/operations.md: the request's file in PALABRE_STATIC_DIR, else Palabre) and the same bytes as a plain file.
const nginx = ['/usr/sbin/nginx', spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim()].find((p) => p && spawnSync('test', ['-x', p]).status === 0);
const byTitle = {};
for (const r of rows) byTitle[r.title] = r;
let visibleMs;
if (nginx) {
  const { readFileSync, copyFileSync } = await import('node:fs');
  const snapshot = join(staticDir, articlePath, 'index.html');
  for (let i = 0; i < 100 && !(await fetch(base + articlePath).then(() => readFileSync(snapshot, 'utf8').includes('Commentaire 200')).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 50));
  const plain = join(dir, 'plain');
  mkdirSync(plain, { recursive: true });
  copyFileSync(snapshot, join(plain, 'article.html'));
  copyFileSync(`${snapshot}.gz`, join(plain, 'article.html.gz'));
  spawnSync('chmod', ['-R', 'a+rX', dir]);
  const sport = port + 1;
  const fport = port + 2;
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    snapshotNginxConf({
      prefix: dir,
      root: staticDir,
      upstream: `127.0.0.1:${port}`,
      listen: `127.0.0.1:${sport}`,
      workers: Number(process.env.BENCH_NGINX_WORKERS ?? 1),
      extra: `  server { listen 127.0.0.1:${fport}; root ${plain}; gzip_static on; location / { default_type text/html; } }`,
    }),
  );
  const ng = spawn(nginx, ['-p', dir, '-c', conf, '-e', join(dir, 'nginx.err')], { stdio: 'ignore' });
  process.on('exit', () => ng.kill('SIGTERM'));
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`http://127.0.0.1:${fport}/article.html`).catch(() => undefined))?.ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const snapBase = `http://127.0.0.1:${sport}`;
  const served = await fetch(snapBase + articlePath);
  if (served.headers.get('x-palabre-snapshot') !== '1') throw new Error('nginx did not serve the snapshot');
  // The ratios: each path measured alone, the machine otherwise quiet (gzip: the snapshot first,
  // identity: the file first, so neither is always the first of its pair).
  byTitle.snapGzip = await run('snapshot path: nginx (gzip_static)', articlePath, gzip, snapBase);
  byTitle.fileGzip = await run('nginx, same bytes as a file (gzip_static)', '/article.html', gzip, `http://127.0.0.1:${fport}`);
  byTitle.fileIdentity = await run('nginx, same bytes as a file (identity)', '/article.html', {}, `http://127.0.0.1:${fport}`);
  byTitle.snapIdentity = await run('snapshot path: nginx (identity)', articlePath, {}, snapBase);
  // Then while nginx serves the snapshot under load, a new comment: how long until the served page shows
  // it. The discussion is in pages of `pageSize` threads: a new thread is on page 1 of the newest order
  // (`?sort=newest`, its own snapshot), and on the last page of the default order, not on page 1. Palabre
  // rewrites the article's snapshots meanwhile (rendered, gzip and brotli), on the cores nginx and wrk use.
  const newest = `${articlePath}?sort=newest`;
  if ((await fetch(snapBase + newest)).headers.get('x-palabre-snapshot') !== '1') throw new Error('nginx did not serve the newest order\'s snapshot');
  const during = (async () => {
    await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
    const text = `Commentaire pendant la charge ${Date.now()}`;
    await post(`/api/v1/articles/${article.id}/comments`, { body: text });
    const t0 = performance.now();
    // Given up after 10 s (printed as such): the bench reports, it does not hang.
    while (!(await (await fetch(snapBase + newest)).text()).includes(text)) {
      if (performance.now() - t0 > 10_000) return;
      await new Promise((r) => setTimeout(r, 5));
    }
    visibleMs = Math.round(performance.now() - t0);
  })();
  byTitle.snapGzipWrite = await run('snapshot path (gzip), a comment posted', articlePath, gzip, snapBase);
  await during;
  rows.push(byTitle.snapGzip, byTitle.snapIdentity, byTitle.fileGzip, byTitle.fileIdentity, byTitle.snapGzipWrite);
  ng.kill('SIGTERM');
  const ratio = (a, b) => (a.rps / b.rps).toFixed(2);
  const appGzip = byTitle['article + 200 comments (cached, gzip)'];
  const appIdentity = byTitle['article + 200 comments (cached, identity)'];
  console.log('\nratios to nginx serving the same bytes as a file (gzip_static / identity):');
  console.log(`  application path, gzip      ${ratio(appGzip, byTitle.fileGzip)}×   (acceptance: ≥ 0.25)`);
  console.log(`  application path, identity  ${ratio(appIdentity, byTitle.fileIdentity)}×`);
  console.log(`  snapshot path, gzip         ${ratio(byTitle.snapGzip, byTitle.fileGzip)}×   (acceptance: ≥ 0.90)`);
  console.log(`  snapshot path, identity     ${ratio(byTitle.snapIdentity, byTitle.fileIdentity)}×`);
  console.log(`  snapshot path, gzip, while a comment is posted and its page rewritten  ${ratio(byTitle.snapGzipWrite, byTitle.fileGzip)}×`);
  console.log(`  a new comment in the page nginx serves (?sort=newest), under that load: ${visibleMs === undefined ? 'not seen in 10 s' : `${visibleMs} ms after its 201`}   (acceptance: < 1000)`);
} else {
  console.log('\nnginx is not installed (apt-get install -y nginx): no snapshot or file rows');
}
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ rows, visibleMs }, null, 2));
stop();
process.exit(0);

// Load benchmarks (not tests): starts the built server on a fresh SQLite file,
// loads an article with 200 comments, and measures requests/s and p99 with autocannon.
// Usage: npm run bench   (BENCH_SECONDS=10, BENCH_CONNECTIONS=50, DATABASE_URL to use PostgreSQL)
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const port = Number(process.env.BENCH_PORT ?? 3999);
const dir = mkdtempSync(join(tmpdir(), 'palabre-bench-'));
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`,
  PORT: String(port),
  HOST: '127.0.0.1',
  PALABRE_DEMO: '0',
  LOG_LEVEL: 'warn',
};
const base = `http://127.0.0.1:${port}`;
const cli = (args) => execFileSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { env, encoding: 'utf8' }).trim();

cli(['migrate']);
cli(['user', 'add', '--email', 'bench@example.test', '--name', 'Bench Editor', '--role', 'editor']);
const token = cli(['token', 'create', '--email', 'bench@example.test']);
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

const server = spawn(process.execPath, [join(root, 'dist/cli.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const stop = () => {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', stop);

async function waitUp() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}
await waitUp();

const post = async (path, body) => {
  const res = await fetch(base + path, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
await post('/api/v1/sections', { name: 'Afrique' });
const paragraph = 'Le Mali, plongé depuis 2012 dans une crise sécuritaire profonde, s’est détourné ces derniers mois de la France et de ses partenaires européens. ';
let article;
for (let i = 0; i < 20; i++) {
  article = await post('/api/v1/articles', {
    title: `Article de référence numéro ${i + 1} sur la coopération militaire`,
    summary: paragraph,
    body: Array.from({ length: 8 }, () => paragraph.repeat(3)).join('\n\n'),
    section: 'afrique',
    tags: ['mali', 'russie'],
    status: 'published',
  });
}
// 200 comments, a third of them replies, posted as staff so moderation publishes them all.
const ids = [];
for (let i = 0; i < 200; i++) {
  const parentId = i % 3 === 2 ? ids[Math.floor(Math.random() * ids.length)] : undefined;
  const c = await post(`/api/v1/articles/${article.id}/comments`, {
    body: `Commentaire ${i + 1} : je pense que la coopération doit rester transparente et que les citoyens méritent de savoir ce qui a été livré.`,
    ...(parentId ? { parentId } : {}),
  });
  ids.push(c.id);
}
const articlePath = new URL(article.url).pathname;

async function run(title, path, headers = {}, url = base) {
  const result = await autocannon({ url: url + path, connections, duration: seconds, headers });
  const row = { title, path, rps: Math.round(result.requests.average), p99: result.latency.p99, errors: result.errors + result.non2xx };
  console.log(`${title.padEnd(44)} ${String(row.rps).padStart(7)} req/s   p99 ${String(row.p99).padStart(4)} ms   errors ${row.errors}`);
  return row;
}

const size = (await (await fetch(base + articlePath)).arrayBuffer()).byteLength;
console.log(`autocannon: ${connections} connections, ${seconds} s each, ${env.DATABASE_URL.split(':')[0]}; article page ${Math.round(size / 1024)} KiB`);
const rows = [];
const gzip = { 'accept-encoding': 'gzip' };
rows.push(await run('home page (anonymous, cached, gzip)', '/', gzip));
rows.push(await run('article + 200 comments (cached, gzip)', articlePath, gzip));
rows.push(await run('article + 200 comments (cached, identity)', articlePath));
rows.push(await run('article + 200 comments (uncached render)', articlePath, { authorization: `Bearer ${token}`, ...gzip }));
rows.push(await run('home page (uncached render)', '/', { authorization: `Bearer ${token}`, ...gzip }));

// The same bytes from nginx (one worker, like the one Node process), when nginx is installed.
const nginx = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
if (nginx) {
  const html = await (await fetch(base + articlePath)).text();
  const { gzipSync } = await import('node:zlib');
  const www = join(dir, 'www');
  mkdirSync(www, { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', dir]);
  writeFileSync(join(www, 'article.html'), html);
  writeFileSync(join(www, 'article.html.gz'), gzipSync(html, { level: 6 }));
  const nport = port + 1;
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'nginx.err')};
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  server { listen 127.0.0.1:${nport}; root ${www}; location / { default_type text/html; gzip_static on; } } }`,
  );
  const ng = spawn(nginx, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  rows.push(await run('nginx, same article bytes (gzip_static)', '/article.html', gzip, `http://127.0.0.1:${nport}`));
  rows.push(await run('nginx, same article bytes (identity)', '/article.html', {}, `http://127.0.0.1:${nport}`));
  ng.kill('SIGTERM');
}
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(rows, null, 2));
stop();
process.exit(0);

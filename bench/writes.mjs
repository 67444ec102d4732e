// Write benchmark (not a test): issue 12's "writes that never queue".
// 1. Throughput: 64 posters (BENCH_POSTERS) for 10 s (BENCH_SECONDS) send
//    POST /api/v1/articles/:id/comments to the built server as guests, every comment from its own
//    address (X-Forwarded-For, PALABRE_TRUST_PROXY=1) with its own ordinary text, under an article
//    with 200 comments, static snapshots on (BENCH_STATIC=0: off); comments/s, p50/p99, statuses;
//    after a warm-up (BENCH_WARMUP_SECONDS, 5 s) whose connections the node posters keep.
//    Each poster is a loop on its own kept-alive connection sending one request at a time, never
//    re-sent (autocannon re-sent some on new connections: the same address twice, refused by
//    the flood rule); a refusal is counted and printed, a connection error too. Snapshots on: how long
//    a new comment takes to be in its snapshot on disk meanwhile (bench/lib/snapshot-lag.mjs). The
//    server's CPU per comment, and by process (primary, each worker, the snapshot worker).
// 2. kill -9: posters keep posting, the server's process group gets SIGKILL mid-run, the server
//    starts again on the same database, and every acknowledged comment (201 with an id) must be there.
// Usage: npm run bench:writes          (DATABASE_URL=postgres://… for PostgreSQL, a throw-away schema)
//        BENCH_POSTERS_TOOL=wrk: the posters are wrk (bench/lib/posters.lua), not this process
//        BENCH_KILL=0 / BENCH_THROUGHPUT=0 skip a part; PALABRE_WORKERS as the server takes it.
//        BENCH_SERIES=1 (node posters): the answers by half second too (count, p50, p99, max, over 50 ms).
import http from 'node:http';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotLag } from './lib/snapshot-lag.mjs';
import { address, benchEnv, freePort, cleanup, commentText, groupCpuByProcess, prepare, root, seed, startServer, waitUp } from './writes-server.mjs';

// BENCH_COUNT_QUERIES=DIR: the server counts its statements (bench/lib/count-queries.cjs); printed per comment.
const countDir = process.env.BENCH_COUNT_QUERIES;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const posters = Number(process.env.BENCH_POSTERS ?? 64);

const killGroup = (server, signal) => {
  try {
    process.kill(-server.pid, signal);
  } catch {}
};

/** SIGTERM to the server's process group; resolves once it exited (SIGKILL after 10 s). */
async function stop(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  killGroup(server, 'SIGTERM');
  const timer = setTimeout(() => killGroup(server, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function setUp() {
  const port = await freePort();
  const setup = benchEnv(port);
  const base = `http://127.0.0.1:${port}`;
  const { auth } = prepare(setup.env);
  const args = [
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ...(countDir ? ['--require', join(root, 'bench/lib/count-queries.cjs')] : []),
    // More node arguments for the server, e.g. `--require ./bench/lib/sql-time.cjs` (with BENCH_LOG: where its stderr goes).
    ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : []),
  ];
  let server = startServer({ ...setup.env, ...(countDir ? { BENCH_COUNT_QUERIES: countDir } : {}) }, args);
  await waitUp(base);
  const article = await seed(base, auth);
  // Guests send the form's signed time-to-submit token as the site's own script does (issue 13: without
  // it they are held as bots); it is older than minSubmitSeconds (3 s by default) before the first post.
  article.formToken = (await (await fetch(`${base}/api/v1/articles/${article.id}/comments/token`)).json()).token;
  await new Promise((r) => setTimeout(r, 3100));
  return { setup, base, article, server };
}

const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: posters });

/**
 * `posters` loops, each sending one comment at a time on its own kept-alive connection until
 * `seconds` have passed: every request is one comment from its own address (never re-sent: a
 * failed request is counted as an error, a refused one by its status). Returns the latencies
 * of the 201s and the refusals with the first body of each status.
 */
async function post(base, articleId, token, seconds, firstPoster = 0, shared = undefined) {
  const agent = shared ?? newAgent();
  const { hostname, port } = new URL(base);
  const path = `/api/v1/articles/${articleId}/comments`;
  const out = { latencies: [], byWorker: new Map(), statuses: new Map(), refused: new Map(), firstRefusal: {}, errors: 0 };
  const send = (body, ip) =>
    new Promise((resolve) => {
      const req = http.request({ agent, hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': ip } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, text, worker: res.headers['x-palabre-worker'] }));
        res.on('error', () => resolve({ status: 0, text: '' }));
      });
      req.on('error', () => resolve({ status: 0, text: '' }));
      req.end(body);
    });
  const start = performance.now();
  const end = start + seconds * 1000;
  // BENCH_SERIES=1: the answers by half second (count, p99, max), to see where a tail comes from.
  const series = process.env.BENCH_SERIES && firstPoster === 0 ? [] : undefined;
  const loop = async (p) => {
    for (let n = 1; performance.now() < end; n++) {
      const body = JSON.stringify({ body: commentText(p, n), name: `Lecteur ${p + 1}`, email: `lecteur${p + 1}.${n}@example.test`, token });
      const t0 = performance.now();
      const { status, text, worker } = await send(body, address(p, n));
      const ms = performance.now() - t0;
      if (status === 0) out.errors++;
      else if (status !== 201) {
        out.refused.set(status, (out.refused.get(status) ?? 0) + 1);
        out.firstRefusal[status] ??= text.slice(0, 200);
      } else {
        out.latencies.push(ms);
        // Which serving worker answered (the header the hooks add): kept-alive connections stay on theirs.
        if (!out.byWorker.has(worker)) out.byWorker.set(worker, []);
        out.byWorker.get(worker).push(ms);
        if (series) series.push([t0 + ms - start, ms]);
        const s = JSON.parse(text).status;
        out.statuses.set(s, (out.statuses.get(s) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: posters }, (_, i) => loop(firstPoster + i)));
  if (!shared) agent.destroy();
  out.latencies.sort((a, b) => a - b);
  if (series) printSeries(series);
  return out;
}

function printSeries(series) {
  const buckets = new Map();
  for (const [at, ms] of series) {
    const k = Math.floor(at / 500);
    if (!buckets.has(k)) buckets.set(k, []);
    buckets.get(k).push(ms);
  }
  for (const [k, list] of [...buckets].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a - b);
    console.log(`  ${(k / 2).toFixed(1).padStart(5)} s: ${String(list.length * 2).padStart(5)}/s, p50 ${percentile(list, 0.5)} ms, p99 ${percentile(list, 0.99)} ms, max ${Math.round(list.at(-1))} ms, over 50 ms ${list.filter((x) => x > 50).length}`);
  }
}

/**
 * The same posters driven by wrk (BENCH_POSTERS_TOOL=wrk; bench/lib/posters.lua): one thread, `posters`
 * connections, one request in flight on each, every request its own address and text. wrk's
 * latencies cover every answer (the script counts the statuses: a refusal shows there).
 */
async function postWithWrk(base, articleId, token, seconds, firstPoster = 0) {
  const args = ['-t1', `-c${posters}`, `-d${seconds}s`, '--timeout', '10s', '-s', join(root, 'bench/lib/posters.lua'), base, '--', token, String(articleId), String(firstPoster)];
  // Through a shell whose `times` prints its children's CPU last: wrk's own share of the two cores.
  const script = 'wrk "$@"; s=$?; times; exit $s';
  const stdout = await new Promise((resolve, reject) => execFile('/bin/sh', ['-c', script, 'sh', ...args], { encoding: 'utf8' }, (err, out) => (err ? reject(err) : resolve(out))));
  const line = stdout.split('\n').find((l) => l.startsWith('POSTERS '));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const w = JSON.parse(line.slice('POSTERS '.length));
  const children = stdout.trim().split('\n').at(-1) ?? '';
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  const out = { statuses: new Map(), refused: new Map(), firstRefusal: {}, errors: w.errors, wrk: w, cpuMs };
  // A 201 is counted by the comment's status (published, pending…); any other answer by its HTTP status.
  for (const [k, v] of Object.entries(w.statuses)) {
    if (/^\d+$/.test(k)) out.refused.set(Number(k), v);
    else out.statuses.set(k, v);
  }
  return out;
}

/** Each serving worker's 201s: how many, p50 and p99 (the posters' connections are split at connect time). */
function byWorker(map) {
  return [...map]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([worker, list]) => {
      list.sort((x, y) => x - y);
      return `worker ${worker ?? '?'} ${list.length} (p50 ${percentile(list, 0.5)} ms, p99 ${percentile(list, 0.99)} ms)`;
    })
    .join(', ');
}

const percentile = (sorted, q) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : NaN);

async function throughput() {
  const { setup, base, article, server } = await setUp();
  try {
    // Warm-up (BENCH_WARMUP_SECONDS, 5): every worker has its models loaded, its statements prepared
    // and its hot code optimised (two fresh workers took 3–4 s of this traffic to answer steadily);
    // the node posters then go on on the same connections, as the readers of a running site would.
    const viaWrk = process.env.BENCH_POSTERS_TOOL === 'wrk';
    const agent = newAgent();
    await post(base, article.id, article.formToken, Number(process.env.BENCH_WARMUP_SECONDS ?? 5), 1000, agent);
    if (viaWrk) agent.destroy();
    const before = await queryCounts();
    const cpu0 = [groupCpuByProcess(server.pid), process.cpuUsage()];
    const t0 = performance.now();
    const staticDir = setup.env.PALABRE_STATIC_DIR;
    const lag = staticDir ? snapshotLag({ base, staticDir, article, token: article.formToken, until: t0 + seconds * 1000 }) : undefined;
    const r = viaWrk ? await postWithWrk(base, article.id, article.formToken, seconds) : await post(base, article.id, article.formToken, seconds, 0, agent);
    agent.destroy();
    const cpu1 = [groupCpuByProcess(server.pid), process.cpuUsage(cpu0[1])];
    // Each process's share (the snapshot worker's varies most: docs/performance.md, fifteenth round).
    const byProcess = [...cpu1[0]].map(([name, ms]) => [name, ms - (cpu0[0].get(name) ?? 0)]).sort(([a], [b]) => a.localeCompare(b));
    const serverCpuMs = byProcess.reduce((sum, [, ms]) => sum + ms, 0);
    const after = await queryCounts();
    const elapsed = (performance.now() - t0) / 1000;
    const ok = viaWrk ? [...r.statuses.values()].reduce((a, b) => a + b, 0) : r.latencies.length;
    const refused = [...r.refused.values()].reduce((a, b) => a + b, 0);
    const [p50, p99, max] = viaWrk ? [r.wrk.p50, r.wrk.p99, r.wrk.max].map(Math.round) : [percentile(r.latencies, 0.5), percentile(r.latencies, 0.99), Math.round(r.latencies.at(-1) ?? NaN)];
    const result = { engine: setup.engine, posters: viaWrk ? 'wrk' : 'node', commentsPerSecond: Math.round(ok / elapsed), p50, p99, max, refused, errors: r.errors, statuses: Object.fromEntries(r.statuses) };
    console.log(
      `writes, ${setup.engine}, PALABRE_WORKERS=${setup.env.PALABRE_WORKERS ?? '(one per core)'}, static snapshots ${setup.env.PALABRE_STATIC_DIR ? 'on' : 'off'}: ` +
        `${posters} posters (${result.posters}), ${elapsed.toFixed(1)} s: ${result.commentsPerSecond} comments/s (201), p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms (latency of ${viaWrk ? 'every answer' : 'the 201s'})`,
    );
    console.log(`  statuses ${JSON.stringify(result.statuses)}, refused ${refused} ${JSON.stringify(Object.fromEntries(r.refused))}, connection errors ${r.errors}`);
    for (const [status, body] of Object.entries(r.firstRefusal)) console.log(`  first ${status}: ${body}`);
    if (r.byWorker?.size > 1) console.log(`  answers by worker: ${byWorker(r.byWorker)}`);
    // CPU time does not depend on how loaded the machine is: the figure to compare builds by.
    result.serverCpuMsPerComment = Number((serverCpuMs / Math.max(1, ok)).toFixed(2));
    console.log(
      `  server CPU ${(serverCpuMs / 1000).toFixed(1)} s (all its processes): ${result.serverCpuMsPerComment} ms per comment written; ` +
        `load generator CPU ${((cpu1[1].user + cpu1[1].system) / 1e6 + (r.cpuMs ?? 0) / 1000).toFixed(1)} s${viaWrk ? ' (wrk and this process)' : ''}`,
    );
    result.serverCpuByProcess = Object.fromEntries(byProcess.map(([name, ms]) => [name, Number((ms / 1000).toFixed(2))]));
    console.log(`  server CPU by process: ${Object.entries(result.serverCpuByProcess).map(([name, s]) => `${name} ${s} s`).join(', ')}`);
    if (lag) {
      result.snapshotLag = await lag;
      const l = result.snapshotLag;
      console.log(`  a new comment in its article's snapshot on disk, ${l.probes} probes: median ${l.median} ms, max ${l.max} ms${l.lost ? `, ${l.lost} not there after 5 s` : ''}; the article rewritten ${l.rewritesPerSecond} times a second`);
    }
    if (countDir) printQueries(before, after, ok);
    return result;
  } finally {
    await stop(server);
    cleanup(setup);
  }
}

/** The statements counted so far by every server process (BENCH_COUNT_QUERIES), once their files are fresh. */
async function queryCounts() {
  if (!countDir) return undefined;
  await new Promise((r) => setTimeout(r, 600));
  const sum = { total: 0, counts: {} };
  for (const f of readdirSync(countDir).filter((f) => f.startsWith('queries-'))) {
    const one = JSON.parse(readFileSync(join(countDir, f), 'utf8'));
    sum.total += one.total;
    for (const [k, v] of Object.entries(one.counts)) sum.counts[k] = (sum.counts[k] ?? 0) + v;
  }
  return sum;
}

function printQueries(before, after, requests) {
  const total = after.total - before.total;
  console.log(`  queries: ${total} for ${requests} comments written (201), ${(total / requests).toFixed(2)} per comment; by statement (per comment):`);
  const rows = Object.entries(after.counts).map(([k, v]) => [k, v - (before.counts[k] ?? 0)]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows.slice(0, 25)) console.log(`    ${(v / requests).toFixed(3)}  ${k}`);
}

/** Posts continuously from `posters` loops; resolves with every acknowledged id once the server is gone. */
function postUntilDead(base, articleId, token, acknowledged) {
  const loop = async (p) => {
    for (let n = 1; ; n++) {
      let res;
      try {
        res = await fetch(`${base}/api/v1/articles/${articleId}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address(p, n) },
          body: JSON.stringify({ body: commentText(p, n), name: `Lecteur ${p + 1}`, email: `lecteur${p + 1}.${n}@example.test`, token }),
        });
      } catch {
        return; // the server is gone
      }
      const text = await res.text().catch(() => '');
      if (res.status === 201) acknowledged.push(JSON.parse(text).id);
    }
  };
  return Promise.all(Array.from({ length: posters }, (_, p) => loop(p)));
}

async function killCheck() {
  const { setup, base, article, server } = await setUp();
  try {
    const acknowledged = [];
    const posting = postUntilDead(base, article.id, article.formToken, acknowledged);
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_KILL_AFTER_MS ?? 3000)));
    killGroup(server, 'SIGKILL');
    await posting;
    const again = startServer(setup.env);
    try {
      await waitUp(base);
      const stored = new Set(await storedIds(setup, base, article.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      console.log(`kill -9 mid-run (${setup.engine}): ${acknowledged.length} comments acknowledged before the kill, ${lost.length} missing after restart${lost.length ? `: ${lost.slice(0, 20).join(', ')}` : ''}`);
      return { acknowledged: acknowledged.length, lost: lost.length };
    } finally {
      await stop(again);
    }
  } finally {
    killGroup(server, 'SIGKILL');
    cleanup(setup);
  }
}

/** Every comment id of the article, read by the restarted server's database (published ones through the API would miss held ones). */
async function storedIds(setup) {
  if (setup.engine === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(setup.sqliteFile, { readonly: true });
    try {
      return db.prepare('select id from comments').all().map((r) => r.id);
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(`select id from ${setup.schema}.comments`)).rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

if (countDir) mkdirSync(countDir, { recursive: true });
const out = {};
if (process.env.BENCH_THROUGHPUT !== '0') out.throughput = await throughput();
if (process.env.BENCH_KILL !== '0') out.kill = await killCheck();
if (process.env.BENCH_OUT) (await import('node:fs')).writeFileSync(process.env.BENCH_OUT, JSON.stringify(out, null, 2));
process.exit(out.kill?.lost ? 1 : 0);

// Write benchmark (not a test): issue 12's "writes that never queue".
// 1. Throughput: 64 posters (BENCH_POSTERS) for 10 s (BENCH_SECONDS) send
//    POST /api/v1/articles/:id/comments to the built server as guests, every comment from its own
//    address (X-Forwarded-For, PALABRE_TRUST_PROXY=1) with its own ordinary text, under an article
//    with 200 comments, static snapshots on (BENCH_STATIC=0: off); comments/s, p50/p99, statuses.
// 2. kill -9: posters keep posting, the server's process group gets SIGKILL mid-run, the server
//    starts again on the same database, and every acknowledged comment (201 with an id) must be there.
// Usage: npm run bench:writes          (DATABASE_URL=postgres://… for PostgreSQL, a throw-away schema)
//        BENCH_KILL=0 / BENCH_THROUGHPUT=0 skip a part; PALABRE_WORKERS as the server takes it.
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { address, benchEnv, cleanup, commentText, prepare, seed, startServer, waitUp } from './writes-server.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const posters = Number(process.env.BENCH_POSTERS ?? 64);

async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

const killGroup = (server, signal) => {
  try {
    process.kill(-server.pid, signal);
  } catch {}
};

async function setUp() {
  const port = await freePort();
  const setup = benchEnv(port);
  const base = `http://127.0.0.1:${port}`;
  const { auth } = prepare(setup.env);
  let server = startServer(setup.env, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);
  await waitUp(base);
  const article = await seed(base, auth);
  return { setup, base, article, server };
}

/** The posters' requests: poster p's n-th comment from its own address, with its own text. */
function posterRequests(articleId, counters) {
  return [
    {
      method: 'POST',
      path: `/api/v1/articles/${articleId}/comments`,
      setupRequest: (req, context) => {
        context.p ??= counters.nextPoster++;
        const n = (counters[context.p] = (counters[context.p] ?? 0) + 1);
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address(context.p, n) },
          body: JSON.stringify({ body: commentText(context.p, n), name: `Lecteur ${context.p + 1}`, email: `lecteur${context.p + 1}.${n}@example.test` }),
        };
      },
      onResponse: (status, body) => {
        if (status !== 201) {
          counters.refused.set(status, (counters.refused.get(status) ?? 0) + 1);
          counters.firstRefusal[status] ??= body.slice(0, 200);
        }
        else {
          const s = JSON.parse(body).status;
          counters.statuses.set(s, (counters.statuses.get(s) ?? 0) + 1);
        }
      },
    },
  ];
}

async function throughput() {
  const { setup, base, article, server } = await setUp();
  try {
    // Warm-up (BENCH_WARMUP_SECONDS, 2): every worker has its models loaded and its statements prepared.
    const warm = { nextPoster: 1000, refused: new Map(), statuses: new Map(), firstRefusal: {} };
    await autocannon({ url: base, connections: posters, duration: Number(process.env.BENCH_WARMUP_SECONDS ?? 2), requests: posterRequests(article.id, warm) });
    const counters = { nextPoster: 0, refused: new Map(), statuses: new Map(), firstRefusal: {} };
    const r = await autocannon({ url: base, connections: posters, duration: seconds, requests: posterRequests(article.id, counters) });
    const ok = [...counters.statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `writes, ${setup.engine}, PALABRE_WORKERS=${setup.env.PALABRE_WORKERS ?? '(one per core)'}, static snapshots ${setup.env.PALABRE_STATIC_DIR ? 'on' : 'off'}: ` +
        `${posters} posters, ${seconds} s: ${Math.round(ok / seconds)} comments/s (201), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
    );
    console.log(`  statuses ${JSON.stringify(Object.fromEntries(counters.statuses))}, refused ${JSON.stringify(Object.fromEntries(counters.refused))}, errors ${r.errors}, timeouts ${r.timeouts}`);
    for (const [status, body] of Object.entries(counters.firstRefusal)) console.log(`  first ${status}: ${body}`);
    return { engine: setup.engine, commentsPerSecond: Math.round(ok / seconds), p50: r.latency.p50, p99: r.latency.p99, statuses: Object.fromEntries(counters.statuses) };
  } finally {
    killGroup(server, 'SIGTERM');
    cleanup(setup);
  }
}

/** Posts continuously from `posters` loops; resolves with every acknowledged id once the server is gone. */
function postUntilDead(base, articleId, acknowledged) {
  const loop = async (p) => {
    for (let n = 1; ; n++) {
      let res;
      try {
        res = await fetch(`${base}/api/v1/articles/${articleId}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address(p, n) },
          body: JSON.stringify({ body: commentText(p, n), name: `Lecteur ${p + 1}`, email: `lecteur${p + 1}.${n}@example.test` }),
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
    const posting = postUntilDead(base, article.id, acknowledged);
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
      killGroup(again, 'SIGTERM');
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

const out = {};
if (process.env.BENCH_THROUGHPUT !== '0') out.throughput = await throughput();
if (process.env.BENCH_KILL !== '0') out.kill = await killCheck();
if (process.env.BENCH_OUT) (await import('node:fs')).writeFileSync(process.env.BENCH_OUT, JSON.stringify(out, null, 2));
process.exit(out.kill?.lost ? 1 : 0);

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, warmUpPosting } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort } from '../support/server-process';

interface Answer {
  status: number;
  ms: number;
  at: number;
}

/** Runs `workers` loops of `request` until stop() and keeps every answer with its time. */
function load(request: (i: number) => Promise<number>, workers: number) {
  const answers: Answer[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const started = Date.now();
      const status = await request(n++);
      answers.push({ status, ms: Date.now() - started, at: Date.now() });
      // A fast answer may come back without a turn of the event loop: let timers run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Waits until check() holds, polling; fails after ms. */
async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL connections cut under load', () => {
  let t: TestApp;
  let articleId: number;

  beforeAll(async () => {
    // A database of its own: cutting every connection to it touches no other test.
    t = await createTestApp('postgres', { ownDatabase: true });
    const editor = await createUserWithToken(t.deps, 'editor');
    articleId = (await createArticle(t, editor.auth, { title: 'Sous la charge' })).id;
  });
  afterAll(async () => t?.close());

  async function cutAllConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: t.config.databaseUrl.replace(/\?.*$/, '') });
    await admin.connect();
    try {
      const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      return r.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  it('serves again within 5 s after each of two cuts, with fast 503s meanwhile and no crash', async () => {
    const urls = [`/api/v1/articles/${articleId}`, `/api/v1/articles/${articleId}/comments`, '/api/v1/articles'];
    const traffic = load(async (i) => (await t.app.inject({ method: 'GET', url: urls[i % urls.length] ?? '/' })).statusCode, 24);
    try {
      await until(() => traffic.answers.filter((a) => a.status === 200).length > 50, 10_000);
      for (const cut of [1, 2]) {
        const killed = await cutAllConnections();
        expect(killed, `cut ${cut}`).toBeGreaterThan(0);
        const cutAt = Date.now();
        const back = await until(() => traffic.answers.some((a) => a.at > cutAt + 200 && a.status === 200), 5000);
        expect(back, `cut ${cut}: served again after ${back} ms`).toBeLessThan(5000);
        await until(() => traffic.answers.filter((a) => a.at > cutAt + back && a.status === 200).length > 30, 5000);
      }
    } finally {
      await traffic.stop();
    }
    const statuses = new Set(traffic.answers.map((a) => a.status));
    expect([...statuses].every((s) => s === 200 || s === 503), `statuses: ${[...statuses].join(', ')}`).toBe(true);
    const failures = traffic.answers.filter((a) => a.status === 503);
    // A failed query answers at once: no 503 waits for a timeout.
    for (const f of failures) expect(f.ms).toBeLessThan(3500);
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
  });

  it('says in /api/v1/health that the database is down when it cannot be reached', async () => {
    const broken = await createTestApp('postgres');
    try {
      await broken.deps.database.close();
      const res = await broken.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', down: ['database'], dependencies: { database: 'down' } });
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await broken.app.close();
    }
  });
});


async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.once('error', () => resolve(true));
        socket.once('listening', () => socket.close(() => resolve(false)));
      }),
    5000,
  );
  return child;
}

describe.each(DIALECTS)('Redis of its own killed under load on %s', (engine) => {
  let t: TestApp;
  let redis: ChildProcess | undefined;
  let port: number;
  let articleId: number;
  let editorEmail: string;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp(engine, { env: { REDIS_URL: `redis://127.0.0.1:${port}`, PALABRE_REDIS_PREFIX: 'faults:' } });
    const editor = await createUserWithToken(t.deps, 'editor');
    editorEmail = editor.email;
    articleId = (await createArticle(t, editor.auth, { title: 'Redis tombe' })).id;
    await warmUpPosting(t, editor.auth);
  });
  afterAll(async () => {
    redis?.kill('SIGKILL');
    await t?.close();
  });

  const comment = (i: number) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${articleId}/comments`,
      remoteAddress: `10.9.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
      payload: { body: `Un avis posé numéro ${i}, sans rien de particulier.`, name: `Lecteur ${i}`, email: `l${i}@example.test` },
    });
  const signIn = (i: number) =>
    t.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: `10.8.0.${(i % 250) + 1}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: new URLSearchParams({ email: editorEmail, password: `pas le bon ${i}` }).toString(),
    });

  it('answers comments and sign-ins within 1.5 s, says Redis is down, and recovers without a restart', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok', dependencies: { redis: 'up' } });
    const traffic = load(async (i) => (await (i % 2 === 0 ? comment(i) : signIn(i))).statusCode, 6);
    let killedAt = 0;
    try {
      await until(() => traffic.answers.length > 10, 10_000);
      redis?.kill('SIGKILL');
      await once(redis as ChildProcess, 'exit');
      killedAt = Date.now();
      const health = await until(async () => (await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode === 503, 3000);
      expect(health).toBeLessThan(3000);
      await until(() => traffic.answers.filter((a) => a.at > killedAt).length > 20, 10_000);
    } finally {
      await traffic.stop();
    }
    const during = traffic.answers.filter((a) => a.at > killedAt);
    for (const a of during) {
      expect(a.ms).toBeLessThan(1500);
      expect([201, 401, 429, 503]).toContain(a.status);
    }
    const down = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ down: ['redis'], dependencies: { database: 'up', redis: 'down' } });
    expect(down.json().message).toContain('redis');

    // Redis comes back on the same port: the same process uses it again.
    redis = await startRedis(port);
    await until(async () => (await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode === 200, 8000);
    const after = await comment(99_999);
    expect(after.statusCode, after.body).toBe(201);
  });
});

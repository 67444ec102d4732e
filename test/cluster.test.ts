import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, POSTGRES_URL } from './support/dialects';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../dist/cli.js');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

/** One request on a connection of its own, so that the kernel may hand it to either worker. */
function ask(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-palabre-worker'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe.each(DIALECTS)('palabre serve with PALABRE_WORKERS=2 on %s, without Redis', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-cluster-'));
  const schema = `cluster_${randomBytes(5).toString('hex')}`;
  const databaseUrl = engine === 'sqlite' ? `sqlite:${join(dir, 'p.db')}` : `${POSTGRES_URL}?schema=${schema}`;
  let port: number;
  let server: ChildProcess;
  let auth: Record<string, string>;
  let articlePath: string;
  let articleId: number;

  beforeAll(async () => {
    port = await freePort();
    const env = { ...process.env, DATABASE_URL: databaseUrl, PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', PALABRE_WORKERS: '2', REDIS_URL: '' };
    const palabre = (...args: string[]) => run(process.execPath, [CLI, ...args], { env });
    await palabre('migrate');
    await palabre('user', 'add', '--email', 'redac@example.test', '--name', 'Rédaction', '--role', 'editor', '--password', 'une phrase de passe longue');
    const token = (await palabre('token', 'create', '--email', 'redac@example.test')).stdout.trim();
    auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    server = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    // Both workers up: answers come from worker 0 and from worker 1.
    const seen = new Set<string>();
    await vi.waitFor(
      async () => {
        const a = await ask(port, '/api/v1/health');
        if (a.worker) seen.add(a.worker);
        expect([...seen].sort()).toEqual(['0', '1']);
      },
      { timeout: 60_000, interval: 20 },
    );
    const created = await ask(port, '/api/v1/articles', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'La crue de la Garonne', body: 'Un texte.', status: 'published' }),
    });
    expect(created.status).toBe(201);
    const article = JSON.parse(created.body) as { id: number; url: string };
    articleId = article.id;
    articlePath = new URL(article.url).pathname;
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  });

  it('shows a comment posted through one worker in the page the other serves within a second', async () => {
    // Each worker caches the page first, so a stale copy would show if its invalidation did not cross.
    const cached = new Set<string>();
    await vi.waitFor(
      async () => {
        const a = await ask(port, articlePath);
        expect(a.status).toBe(200);
        if (a.worker) cached.add(a.worker);
        expect(cached.size).toBe(2);
      },
      { timeout: 10_000, interval: 5 },
    );
    const body = `Les quais sont fermés ${Date.now()}.`;
    const posted = await ask(port, `/api/v1/articles/${articleId}/comments`, { method: 'POST', headers: auth, body: JSON.stringify({ body }) });
    expect(posted.status).toBe(201);
    const started = Date.now();
    const fresh = new Set<string>();
    await vi.waitFor(
      async () => {
        const a = await ask(port, articlePath);
        if (a.worker && a.body.includes(body)) fresh.add(a.worker);
        expect(fresh.size).toBe(2);
      },
      { timeout: 1000, interval: 5 },
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('drains every worker on SIGTERM and exits cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(ask(port, '/api/v1/health')).rejects.toThrow();
  }, 30_000);
});

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
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

/** `palabre serve` in a process group of its own: kill -9 of the group takes every worker at once. */
function serve(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
}

async function up(base: string): Promise<void> {
  await vi.waitFor(async () => expect((await fetch(`${base}/api/v1/health`)).status).toBe(200), { timeout: 60_000, interval: 50 });
}

describe.each(DIALECTS)('kill -9 of the server while comments are posted on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-kill-'));
  const schema = `kill_${randomBytes(5).toString('hex')}`;
  const databaseUrl = engine === 'sqlite' ? `sqlite:${join(dir, 'p.db')}` : `${POSTGRES_URL}?schema=${schema}`;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let server: ChildProcess | undefined;
  let articleId: number;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { ...process.env, DATABASE_URL: databaseUrl, PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', PALABRE_WORKERS: '2', PALABRE_TRUST_PROXY: '1', REDIS_URL: '' };
    const palabre = (...args: string[]) => run(process.execPath, [CLI, ...args], { env });
    await palabre('migrate');
    await palabre('user', 'add', '--email', 'redac@example.test', '--name', 'Rédaction', '--role', 'editor', '--password', 'une phrase de passe longue');
    const token = (await palabre('token', 'create', '--email', 'redac@example.test')).stdout.trim();
    server = serve(env);
    await up(base);
    const res = await fetch(`${base}/api/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'La panne de courant', body: 'Un texte.', status: 'published' }),
    });
    expect(res.status).toBe(201);
    articleId = ((await res.json()) as { id: number }).id;
  }, 120_000);

  afterAll(async () => {
    if (server?.pid) process.kill(-server.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  });

  async function storedIds(): Promise<Set<number>> {
    if (engine === 'sqlite') {
      const db = new Database(join(dir, 'p.db'), { readonly: true });
      try {
        return new Set((db.prepare('select id from comments').all() as { id: number }[]).map((r) => r.id));
      } finally {
        db.close();
      }
    }
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    try {
      return new Set((await c.query<{ id: number }>(`select id from ${schema}.comments`)).rows.map((r) => r.id));
    } finally {
      await c.end();
    }
  }

  it('loses no comment it acknowledged', async () => {
    const acknowledged: number[] = [];
    let stop = false;
    // 16 posters, each comment from its own address with its own text, until the server is gone.
    const poster = async (p: number) => {
      for (let n = 0; !stop; n++) {
        try {
          const res = await fetch(`${base}/api/v1/articles/${articleId}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${p}.${n % 250}` },
            body: JSON.stringify({ body: `Avis ${n} du lecteur ${p} : le réseau électrique du quartier mérite mieux.`, name: `Lecteur ${p}`, email: `l${p}.${n}@example.test` }),
          });
          const text = await res.text();
          if (res.status === 201) acknowledged.push((JSON.parse(text) as { id: number }).id);
        } catch {
          return;
        }
      }
    };
    const posting = Promise.all(Array.from({ length: 16 }, (_, p) => poster(p)));
    await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThanOrEqual(40), { timeout: 30_000, interval: 10 });
    process.kill(-(server?.pid ?? 0), 'SIGKILL');
    stop = true;
    await posting;
    // Started again on the same database (SQLite recovers its WAL on open).
    server = serve(env);
    await up(base);
    const stored = await storedIds();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  }, 120_000);
});

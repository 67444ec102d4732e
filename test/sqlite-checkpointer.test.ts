import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCheckpointer, type CheckpointerOptions } from '../src/db/checkpointer';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken } from './support/factories';
import { editorWithToken, processDatabase, startServer, ask } from './support/server-process';
import { createTestApp, type TestApp } from './support/test-app';

/** A logger whose lines the test reads. */
function capturedLog(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => out.push(s) });
  return { log, lines: () => out.map((s) => JSON.parse(s) as Record<string, unknown>) };
}

async function autoCheckpoint(t: TestApp): Promise<number | undefined> {
  return (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(t.deps.db)).rows[0]?.wal_autocheckpoint;
}

/** Articles written through the app's own connection: each a few WAL pages. */
async function writeArticles(t: TestApp, auth: { authorization: string }, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await createArticle(t, auth, { body: `Un paragraphe assez long pour remplir une page. `.repeat(80 + i) });
}

const SMALL: CheckpointerOptions = { triggerPages: 20, pollMs: 10, restartDelayMs: 10 };

describe.each(DIALECTS)('the SQLite checkpoint thread, asked for on %s', (engine) => {
  let t: TestApp;
  let auth: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    auth = (await createUserWithToken(t.deps, 'editor')).auth;
  });
  afterAll(() => t.close());

  it('is never started on PostgreSQL; on SQLite it checkpoints what the app writes, and stops', async () => {
    const { log } = capturedLog();
    const checkpointer = await startCheckpointer(t.deps.database, log, true, SMALL);
    if (engine === 'postgres') {
      expect(checkpointer).toBeUndefined();
      return;
    }
    expect(checkpointer?.state).toBe('running');
    // The serving connection checkpoints itself only past the safety net (10 × the thread's trigger).
    expect(await autoCheckpoint(t)).toBe(200);
    await writeArticles(t, auth, 15);
    await vi.waitFor(() => expect(checkpointer?.checkpoints).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
    // What it copied: at least the frames that made it start.
    expect(checkpointer?.last?.checkpointed).toBeGreaterThanOrEqual(20);
    await checkpointer?.stop();
    expect(checkpointer?.state).toBe('stopped');
    // Writes go on after the thread stopped (the serving connection's own safety net stays).
    await writeArticles(t, auth, 1);
  });
});

// SQLite always runs (a file): these run whatever TEST_DIALECTS asks for.
describe('the SQLite checkpoint thread on a SQLite file', () => {
  let t: TestApp;
  let auth: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    auth = (await createUserWithToken(t.deps, 'editor')).auth;
  });
  afterAll(() => t.close());

  it('leaves SQLite automatic checkpoints when it is not started (CLI commands, tests)', async () => {
    expect(await autoCheckpoint(t)).toBe(1000);
  });

  it('falls back to automatic checkpoints, said at warn, when the thread cannot open the database', async () => {
    const { log, lines } = capturedLog();
    const dir = t.deps.database.location.replace(/[^/]+$/, '');
    const checkpointer = await startCheckpointer(t.deps.database, log, true, { ...SMALL, file: join(dir, 'absent.db') });
    expect(checkpointer?.state).toBe('fallback');
    expect(await autoCheckpoint(t)).toBe(1000);
    expect(lines().find((l) => l.level === 40)?.msg).toMatch(/cannot run: falling back to SQLite automatic checkpoints/);
    await writeArticles(t, auth, 2);
    await checkpointer?.stop();
  });

  it('starts a failed thread again, then gives up and falls back after three failures in a row', async () => {
    const { log, lines } = capturedLog();
    const workerFile = new URL('./fixtures/checkpoint/fails-after-ready.mjs', import.meta.url);
    const checkpointer = await startCheckpointer(t.deps.database, log, true, { ...SMALL, workerFile });
    await vi.waitFor(() => expect(checkpointer?.state).toBe('fallback'), { timeout: 10_000, interval: 10 });
    expect(checkpointer?.restarts).toBe(3);
    const warnings = lines().filter((l) => l.level === 40);
    expect(warnings.filter((l) => /started again/.test(String(l.msg))).map((l) => l.reason)).toEqual(Array(3).fill('disque plein / disk full'));
    expect(warnings.at(-1)?.msg).toMatch(/falling back/);
    await vi.waitFor(async () => expect(await autoCheckpoint(t)).toBe(1000), { timeout: 5_000, interval: 10 });
    await writeArticles(t, auth, 2);
    await checkpointer?.stop();
  });

  it('sets only the safety net in a process that does not run the thread (cluster worker 1)', async () => {
    const other = await createTestApp('sqlite');
    try {
      expect(await startCheckpointer(other.deps.database, capturedLog().log, false, SMALL)).toBeUndefined();
      expect(await autoCheckpoint(other)).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe.each(DIALECTS)('palabre serve on %s', (engine) => {
  const db = processDatabase(engine, 'ckpt');
  afterAll(() => db.cleanup());

  it('runs the checkpoint thread on SQLite only, and on SIGTERM leaves no WAL behind', async () => {
    const env = { ...process.env, DATABASE_URL: db.url, PALABRE_DEMO: '0', LOG_LEVEL: 'info', PALABRE_WORKERS: '1', REDIS_URL: '' };
    const headers = await editorWithToken(env);
    const server = await startServer(env);
    try {
      const created = await ask(server.port, '/api/v1/articles', { method: 'POST', headers, body: JSON.stringify({ title: 'La crue', body: 'Un texte.', status: 'published' }) });
      expect(created.status).toBe(201);
      expect(server.output().includes('SQLite checkpoints run on a background thread')).toBe(engine === 'sqlite');
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toMatch(/"level":(40|50)/);
      if (engine === 'sqlite') {
        const file = db.url.slice('sqlite:'.length);
        expect(statSync(file).size).toBeGreaterThan(0);
        // The last connection closed (the thread's) copied the whole WAL and removed it.
        expect(existsSync(`${file}-wal`)).toBe(false);
      }
    } finally {
      server.kill();
    }
  }, 180_000);
});

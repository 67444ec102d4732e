import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { snapshotFile } from '../src/infra/static-snapshots';
import { DIALECTS } from './support/dialects';
import { ask as askServer, editorWithToken, processDatabase, startServer, type AskOptions, type ServerProcess } from './support/server-process';

/** One request on a connection of its own, so that the kernel may hand it to either worker. */
async function ask(port: number, path: string, opts: AskOptions = {}) {
  const a = await askServer(port, path, opts);
  return { ...a, worker: a.headers['x-palabre-worker'] as string | undefined };
}

/** An article's event stream on a connection of its own: the worker that holds it, and what it has sent so far. */
function openStream(port: number, articleId: number): Promise<{ worker: string | undefined; received: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req: ClientRequest = request({ host: '127.0.0.1', port, path: `/api/v1/articles/${articleId}/comments/events`, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        // Answered once subscribed (comment.stream.ts): from then on no comment is missed.
        if (text.includes(': connected')) resolve({ worker: res.headers['x-palabre-worker'] as string | undefined, received: () => text, close: () => req.destroy() });
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Where the snapshot of a page is, in the folder (the article's other orders: newest, top, picks). */
const snapshotOf = (dir: string, url: string) => join(dir, snapshotFile(url, ['newest', 'top', 'picks']) ?? 'none');
const readSnapshot = (dir: string, url: string) => (existsSync(snapshotOf(dir, url)) ? readFileSync(snapshotOf(dir, url), 'utf8') : '');

describe.each(DIALECTS)('palabre serve with PALABRE_WORKERS=2 and static snapshots on %s, without Redis', (engine) => {
  const db = processDatabase(engine, 'cluster');
  const staticDir = mkdtempSync(join(tmpdir(), 'palabre-cluster-static-'));
  let port: number;
  let server: ServerProcess;
  let auth: Record<string, string>;
  let articlePath: string;
  let articleId: number;

  beforeAll(async () => {
    const env = { ...process.env, DATABASE_URL: db.url, PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PALABRE_WORKERS: '2', REDIS_URL: '', PALABRE_STATIC_DIR: staticDir };
    auth = await editorWithToken(env);
    server = await startServer(env);
    port = server.port;
    // Both workers up: answers come from worker 0 and from worker 1, never from the snapshot worker.
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
  }, 240_000);

  afterAll(async () => {
    server?.kill();
    await db.cleanup();
    rmSync(staticDir, { recursive: true, force: true });
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

  it('writes the snapshots in a worker of their own: a new comment is in the article’s file within a second', async () => {
    await vi.waitFor(() => expect(readSnapshot(staticDir, articlePath)).toContain('La crue de la Garonne'), { timeout: 30_000, interval: 10 });
    const body = `La digue a tenu ${Date.now()}.`;
    const posted = await ask(port, `/api/v1/articles/${articleId}/comments`, { method: 'POST', headers: auth, body: JSON.stringify({ body }) });
    expect(posted.status).toBe(201);
    const started = Date.now();
    await vi.waitFor(
      () => {
        expect(readSnapshot(staticDir, articlePath)).toContain(body);
        expect(readSnapshot(staticDir, `${articlePath}?sort=newest`)).toContain(body);
      },
      { timeout: 1000, interval: 5 },
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps a page that only a serving worker rendered (not in the sitemap): the article’s comment feed', async () => {
    const feed = `${articlePath}/comments.xml`;
    expect(existsSync(snapshotOf(staticDir, feed))).toBe(false);
    expect((await ask(port, feed)).status).toBe(200);
    await vi.waitFor(() => expect(readSnapshot(staticDir, feed)).toContain('La digue a tenu'), { timeout: 5000, interval: 10 });
  });

  it('writes comments sent to both workers at once: every one answered once stored (SQLite: the workers take turns at its write lock)', async () => {
    const stamp = Date.now();
    const bodies = Array.from({ length: 40 }, (_, i) => `Relevé ${i} de la Garonne à ${stamp}.`);
    const answers = await Promise.all(bodies.map((body) => ask(port, `/api/v1/articles/${articleId}/comments`, { method: 'POST', headers: auth, body: JSON.stringify({ body }) })));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 201));
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['0', '1']));
    const ids = answers.map((a) => (JSON.parse(a.body) as { id: number }).id);
    expect(new Set(ids).size).toBe(bodies.length);
    // Stored: each is there to read, through either worker.
    const listed = await ask(port, `/api/v1/articles/${articleId}/comments?sort=newest`);
    for (const body of bodies) expect(listed.body).toContain(body);
  });

  it('streams a comment posted through either worker to the readers of both within a second (the primary relays it to the workers listening)', async () => {
    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    try {
      // A reader on each worker: streams are opened until both workers hold one.
      for (let i = 0; i < 40 && new Set(streams.map((s) => s.worker)).size < 2; i++) streams.push(await openStream(port, articleId));
      expect(new Set(streams.map((s) => s.worker))).toEqual(new Set(['0', '1']));
      const body = `L’eau redescend ${Date.now()}.`;
      const posted = await ask(port, `/api/v1/articles/${articleId}/comments`, { method: 'POST', headers: auth, body: JSON.stringify({ body }) });
      expect(posted.status).toBe(201);
      const started = Date.now();
      await vi.waitFor(() => {
        for (const s of streams) expect(s.received()).toContain(body);
      }, { timeout: 1000, interval: 5 });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('drains every worker on SIGTERM and exits cleanly, even when SIGTERM comes twice', async () => {
    server.child.kill('SIGTERM');
    // A second SIGTERM used to kill the primary mid-drain (a worker still closing then crashed on EPIPE).
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toMatch(/Unhandled 'error'|EPIPE/);
    await expect(ask(port, '/api/v1/health')).rejects.toThrow();
  }, 30_000);
});

describe.each(DIALECTS)('palabre serve with PALABRE_WORKERS=1 and static snapshots on %s', (engine) => {
  const db = processDatabase(engine, 'cluster_one');
  const staticDir = mkdtempSync(join(tmpdir(), 'palabre-cluster-one-'));
  let server: ServerProcess | undefined;

  afterAll(async () => {
    server?.kill();
    await db.cleanup();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves from one worker and writes the snapshots in the snapshot worker beside it', async () => {
    const env = { ...process.env, DATABASE_URL: db.url, PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PALABRE_WORKERS: '1', REDIS_URL: '', PALABRE_STATIC_DIR: staticDir };
    server = await startServer(env);
    const port = server.port;
    // A cluster worker names itself; the single process of PALABRE_WORKERS=1 without snapshots does not.
    await vi.waitFor(async () => expect((await ask(port, '/api/v1/health')).worker).toBe('0'), { timeout: 60_000, interval: 20 });
    await vi.waitFor(() => expect(readSnapshot(staticDir, '/robots.txt')).toContain('Sitemap:'), { timeout: 30_000, interval: 10 });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);
});

import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { ask, askTaken, editorWithToken, processDatabase, startServer, type ServerProcess } from '../support/server-process';

/**
 * Checks 10 and 11 of issue 13 on the built server as real processes (docs/security.md):
 * SIGTERM drains what is in flight, and two processes share one SQLite file without
 * answering SQLITE_BUSY or losing a comment.
 */

const PROCESS_TIMEOUT = 400_000;

/** Whether a new TCP connection to the port is refused (the listening socket is closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

interface Held {
  req: ClientRequest;
  answer: Promise<{ status: number; body: string }>;
}

/**
 * A POST whose headers the server has taken (it answered `100 Continue`, so the request is
 * routed) and whose body is not sent yet: a request in flight for as long as the test wants.
 */
async function heldPost(port: number, path: string, headers: Record<string, string>, body: string): Promise<Held> {
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    agent: false,
    headers: { ...headers, expect: '100-continue', 'content-length': String(Buffer.byteLength(body)) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.once('error', reject);
  });
  await new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
    req.flushHeaders();
  });
  return { req, answer };
}

async function createArticle(port: number, auth: Record<string, string>, title: string): Promise<number> {
  const created = await ask(port, '/api/v1/articles', { method: 'POST', headers: auth, body: JSON.stringify({ title, body: 'Un texte.', status: 'published' }) });
  expect(created.status, created.body).toBe(201);
  return (JSON.parse(created.body) as { id: number }).id;
}

describe.each(DIALECTS)('palabre serve receiving SIGTERM with requests in flight, on %s', (engine) => {
  const db = processDatabase(engine, 'drain');
  const env = { ...process.env, DATABASE_URL: db.url, PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PALABRE_WORKERS: '1', REDIS_URL: '' };
  let server: ServerProcess | undefined;
  afterAll(async () => {
    server?.kill();
    await db.cleanup();
  });

  it('finishes the requests in flight, refuses new connections and exits 0 within 10 s', async () => {
    const auth = await editorWithToken(env);
    server = await startServer(env);
    const { port } = server;
    const articleId = await createArticle(port, auth, 'La grève des dockers');
    const bodies = [1, 2, 3].map((i) => `Commentaire envoyé pendant l’arrêt, numéro ${i}.`);
    const held = await Promise.all(bodies.map((body) => heldPost(port, `/api/v1/articles/${articleId}/comments`, auth, JSON.stringify({ body }))));

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await expect.poll(() => refused(port), { timeout: 10_000, interval: 20 }).toBe(true);
    // Asked again while draining (an impatient supervisor): the drain goes on.
    server.child.kill('SIGTERM');
    expect(server.child.exitCode).toBeNull(); // still draining: the three requests are unanswered

    for (const [i, h] of held.entries()) h.req.end(JSON.stringify({ body: bodies[i] }));
    const answers = await Promise.all(held.map((h) => h.answer));
    for (const a of answers) expect(a.status, a.body).toBe(201);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(server.output()).not.toMatch(/"level":(50|60)/);

    // The next start finds the three comments.
    server = await startServer(env);
    const list = await ask(server.port, `/api/v1/articles/${articleId}/comments`);
    const stored = (JSON.parse(list.body) as { comments: { id: number; body: string }[] }).comments;
    const ids = answers.map((a) => (JSON.parse(a.body) as { id: number }).id);
    expect(stored.map((c) => c.id).sort()).toEqual(ids.sort());
  }, PROCESS_TIMEOUT);
});

describe('two palabre serve processes on one SQLite file', () => {
  const db = processDatabase('sqlite', 'two');
  const env = { ...process.env, DATABASE_URL: db.url, PALABRE_DEMO: '0', LOG_LEVEL: 'warn', PALABRE_WORKERS: '1', REDIS_URL: '' };
  const servers: ServerProcess[] = [];
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = await editorWithToken(env);
    servers.push(await startServer(env));
    servers.push(await startServer(env));
  }, PROCESS_TIMEOUT);
  afterAll(async () => {
    for (const s of servers) s.kill();
    await db.cleanup();
  });

  it('answers every concurrent comment without SQLITE_BUSY and stores each acknowledged one once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const articleId = await createArticle(a.port, auth, 'Deux processus, un fichier');
    const N = 80;
    const bodies = Array.from({ length: N }, (_, i) => `Avis numéro ${i} sur la même page, posté en même temps que les autres.`);
    const answers = await Promise.all(
      bodies.map((body, i) => askTaken((i % 2 === 0 ? a : b).port, `/api/v1/articles/${articleId}/comments`, { method: 'POST', headers: auth, body: JSON.stringify({ body }) })),
    );
    for (const r of answers) expect(r.status, r.body).toBe(201);
    const acknowledged = answers.map((r) => (JSON.parse(r.body) as { id: number }).id);
    expect(new Set(acknowledged).size).toBe(N);

    for (const s of servers) s.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
    for (const s of servers) expect(s.output()).not.toMatch(/SQLITE_BUSY|database is locked/);

    const file = new Database(join(db.dir, 'p.db'), { readonly: true });
    try {
      const rows = file.prepare('select id, body from comments where article_id = ?').all(articleId) as { id: number; body: string }[];
      expect(rows).toHaveLength(N);
      expect(rows.map((r) => r.id).sort((x, y) => x - y)).toEqual([...acknowledged].sort((x, y) => x - y));
      expect(new Set(rows.map((r) => r.body)).size).toBe(N);
    } finally {
      file.close();
    }
  }, PROCESS_TIMEOUT);
});

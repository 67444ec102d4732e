import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { needs, REDIS_URL } from './support/parts';
import { createArticle, createUserWithToken, pathOf, warmUpPosting } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';

type LiveEvent = { id: number; body: string; author: { name: string } };

/**
 * Opens the SSE stream of an article; it resolves once the server has subscribed
 * (its first bytes come after the subscription), and next() gives the first `comment` event.
 */
async function openCommentStream(base: string, articleId: number, timeoutMs: number): Promise<{ next(): Promise<LiveEvent> }> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  const res = await fetch(`${base}/api/v1/articles/${articleId}/comments/events`, { signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  if (!res.body) throw new Error('the event stream has no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  return {
    async next() {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += decoder.decode(value, { stream: true });
          const m = /event: comment\ndata: (.+)\n\n/.exec(buffer);
          if (m?.[1]) return JSON.parse(m[1]) as LiveEvent;
        }
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    },
  };
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

describe.each(DIALECTS)('live discussion across instances on %s with Redis', needs('redis'), (engine) => {
  let a: TestApp;
  let b: TestApp;
  let baseB: string;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;

  beforeAll(async () => {
    const env = { REDIS_URL, PALABRE_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:` };
    a = await createTestApp(engine, { env });
    b = await a.restart(); // a second instance on the same database and Redis
    baseB = await listen(b);
    editor = await createUserWithToken(a.deps, 'editor');
    article = await createArticle(a, editor.auth, { title: 'Direct : la session parlementaire' });
    await warmUpPosting(a, editor.auth); // model loading is start-up, not delivery
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
  });

  it('delivers a comment posted on one instance to a reader connected to another within a second', async () => {
    const stream = await openCommentStream(baseB, article.id, 5000);
    const started = Date.now();
    const res = await a.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '192.0.2.10',
      payload: { body: 'Merci pour ce direct très clair.', name: 'Awa', email: 'awa@example.test', token: readerToken(a, article.id) },
    });
    expect(res.statusCode).toBe(201);
    const got = await stream.next();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(got.id).toBe(res.json().id);
    expect(got.author).toEqual({ name: 'Awa' });
    expect(JSON.stringify(got)).not.toContain('awa@example.test');
  });

  it('drops the cached page on every instance when a comment is published', async () => {
    const path = pathOf(article.url);
    const first = await b.app.inject({ method: 'GET', url: path });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await b.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const posted = await a.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '192.0.2.11',
      payload: { body: 'Une deuxième réaction, publiée ailleurs.', name: 'Moussa', email: 'moussa@example.test', token: readerToken(a, article.id) },
    });
    expect(posted.json().status).toBe('published');
    // The drop travels through Redis: wait for it to reach b, not for a fixed time.
    const fresh = () => b.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': etag } });
    await expect.poll(async () => (await fresh()).statusCode, { timeout: 5000 }).toBe(200);
    const after = await fresh();
    expect(after.body).toContain(`id="comment-${posted.json().id}"`);
  });
});

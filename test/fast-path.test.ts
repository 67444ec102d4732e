import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, pathOf, sessionFor } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/** Header names and values of an answer, without those that change per answer. */
function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive'].includes(name)) out[name] = value;
  });
  return out;
}

describe.each(DIALECTS)('anonymous cached pages on the fast path on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let path: string;
  let articleId: number;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let fast = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
    const article = await createArticle(t, editor.auth, { title: 'Le chemin court', status: 'published' });
    articleId = article.id;
    path = pathOf(article.url);
    // Count the answers the fast path gives (the server looks the method up on every request).
    const pages = t.app.fastPages;
    const serve = pages.serve.bind(pages);
    pages.serve = (req, res) => {
      const served = serve(req, res);
      if (served) fast += 1;
      return served;
    };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(async () => t.close());

  it('answers a repeated anonymous request itself, with the same bytes and headers as the full path', async () => {
    const first = await fetch(base + path, { headers: { 'accept-encoding': 'gzip' } });
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    const before = fast;
    const second = await fetch(base + path, { headers: { 'accept-encoding': 'gzip' } });
    expect(fast).toBe(before + 1);
    expect(await second.text()).toBe(firstBody);
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(second.headers.get('content-security-policy')).toBeTruthy();
    expect(second.headers.get('content-encoding')).toBe('gzip');

    const identity = await fetch(base + path, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(await identity.text()).toBe(firstBody);
    const conditional = await fetch(base + path, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(conditional.status).toBe(304);
    const head = await fetch(base + path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(fast).toBe(before + 4);
  });

  it('never serves a page that changed: a new comment shows on the next request', async () => {
    await fetch(base + path);
    const posted = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, headers: editor.auth, payload: { body: 'Une réponse de la rédaction, publiée à l’instant.' } });
    expect(posted.statusCode).toBe(201);
    const after = await fetch(base + path);
    expect(await after.text()).toContain('Une réponse de la rédaction, publiée à l’instant.');
  });

  it('leaves requests with a cookie or a token to the full path', async () => {
    await fetch(base + path);
    const before = fast;
    const session = await sessionFor(t.deps, editor.id);
    const signedIn = await fetch(base + path, { headers: { cookie: session.cookie } });
    expect(signedIn.headers.get('cache-control')).toContain('private');
    const token = await fetch(base + path, { headers: editor.auth });
    expect(token.headers.get('cache-control')).toContain('private');
    const missing = await fetch(`${base}/nulle-part/rien`);
    expect(missing.status).toBe(404);
    expect(fast).toBe(before);
  });
});

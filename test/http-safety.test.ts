import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, pathOf } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';

describe.each(DIALECTS)('safety of the HTTP surface on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
    article = await createArticle(t, editor.auth, { title: 'Un article <b>gras</b>', body: 'Texte <script>alert(1)</script> [lien](javascript:alert(2))' });
  });
  afterAll(async () => t?.close());

  it('makes script tags, event handlers and javascript: links inert in comments and names', async () => {
    const attacks = [
      '<script>alert("x")</script> un commentaire piégé',
      'Regardez <img src=x onerror="alert(1)"> ceci',
      'Cliquez [ici](javascript:alert(3)) maintenant',
      '<a href="javascript:alert(4)" onclick="alert(5)">lien</a> piégé',
    ];
    const ids: number[] = [];
    for (const [i, body] of attacks.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${article.id}/comments`,
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { body, name: `<script>alert("nom${i}")</script>`, email: `x${i}@example.test`, token: readerToken(t, article.id) },
      });
      expect(res.statusCode, res.body).toBe(201);
      // Held comments would not reach the page, and the checks below would pass on nothing.
      expect(res.json().status, body).toBe('published');
      ids.push(res.json().id as number);
    }
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    const html = page.body;
    const $ = cheerio.load(html);
    // Every hostile comment is on the page, with its harmless words and its author's name shown.
    const words = ['un commentaire piégé', 'ceci', 'maintenant', 'piégé'];
    for (const [i, id] of ids.entries()) {
      const item = $(`#comment-${id}`);
      expect(item.length, `comment ${id}`).toBe(1);
      expect(item.find('.comment-body').text()).toContain(words[i]);
      expect(item.find('.comment-author').text()).toBe(`<script>alert("nom${i}")</script>`);
    }
    // Only our own external scripts (and JSON-LD data) may appear.
    $('script').each((_, el) => {
      const src = $(el).attr('src') ?? '';
      const type = $(el).attr('type') ?? '';
      expect(src.startsWith('/assets/') || type === 'application/ld+json').toBe(true);
    });
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name.startsWith('on')).toBe(false);
    });
    $('[href],[src],[action]').each((_, el) => {
      for (const a of ['href', 'src', 'action']) expect(($(el).attr(a) ?? '').trim().toLowerCase().startsWith('javascript:')).toBe(false);
    });
    expect($('.comment-author').first().text()).toBe('<script>alert("nom0")</script>');
    expect(html).toContain('&lt;script>alert(&quot;nom0&quot;)&lt;/script>');
    expect(html).toContain('Un article &lt;b>gras&lt;/b>');
  });

  it('sends a CSP without inline scripts and the other security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('refuses a cross-site form post and accepts a same-origin one', async () => {
    const form = 'name=Awa&email=awa%40example.test&body=Un+avis+pos%C3%A9+et+argument%C3%A9.';
    const cross = await t.app.inject({
      method: 'POST',
      url: `/articles/${article.id}/comments`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: form,
    });
    expect(cross.statusCode).toBe(403);
    const none = await t.app.inject({
      method: 'POST',
      url: `/articles/${article.id}/comments`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(none.statusCode).toBe(403);
    const same = await t.app.inject({
      method: 'POST',
      url: `/articles/${article.id}/comments`,
      remoteAddress: '192.0.2.50',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: form,
    });
    expect(same.statusCode).toBe(303);
    expect(same.headers.location).toMatch(/\?comment=(published|pending)/);
    // A cookie-carrying JSON change from another site is refused too.
    const cookieJson = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      headers: { cookie: 'palabre_session=abc', origin: 'https://evil.example' },
      payload: { body: 'test test', name: 'A', email: 'a@example.test' },
    });
    expect(cookieJson.statusCode).toBe(403);
    expect(cookieJson.json().error).toBe('csrf');
  });

  it('re-renders the form with a message and the typed text when a form comment is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/articles/${article.id}/comments`,
      remoteAddress: '192.0.2.51',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: 'name=&email=&body=Mon+texte+garde',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Mon texte garde');
    expect(res.body).toContain('role="alert"');
  });

  it('answers bad input with a clear error and keeps serving', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: { ...editor.auth, 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('invalid_json');
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { body: 'sans titre' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'invalid_input', field: 'title' });
    const unknownField = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.id}`, headers: editor.auth, payload: { colour: 'red' } });
    expect(unknownField.statusCode).toBe(400);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { title: 'x', body: 'a'.repeat(1_100_000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('payload_too_large');
    const notFound = await t.app.inject({ method: 'GET', url: '/api/v1/articles/999999' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().error).toBe('not_found');
    const badId = await t.app.inject({ method: 'GET', url: '/api/v1/articles/abc' });
    expect(badId.statusCode).toBe(400);
    const badSettings = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { moderation: 'sometimes' } });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.json().field).toBe('moderation');
    const page404 = await t.app.inject({ method: 'GET', url: '/nulle-part/rien', headers: { accept: 'text/html' } });
    expect(page404.statusCode).toBe(404);
    expect(page404.body).toContain('Page introuvable.');
    for (const r of [malformed, missing, big, notFound]) expect(r.body).not.toMatch(/at \w+ \(|node_modules/);
    const still = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}` });
    expect(still.statusCode).toBe(200);
    expect(still.json().title).toBe('Un article <b>gras</b>');
  });

  it('guards articles by role: anonymous 401, reader 403, author drafts only', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/articles', payload: { title: 'x' } });
    expect(anon.statusCode).toBe(401);
    const reader = await createUserWithToken(t.deps, 'reader');
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: reader.auth, payload: { title: 'x' } });
    expect(r.statusCode).toBe(403);
    const author = await createUserWithToken(t.deps, 'author');
    const draft = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: author.auth, payload: { title: 'Brouillon' } });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().status).toBe('draft');
    const pub = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${draft.json().id}`, headers: author.auth, payload: { status: 'published' } });
    expect(pub.statusCode).toBe(403);
    const anonRead = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${draft.json().id}` });
    expect(anonRead.statusCode).toBe(404);
    const badToken = await t.app.inject({ method: 'GET', url: '/api/v1/articles', headers: { authorization: 'Bearer plb_nope' } });
    expect(badToken.statusCode).toBe(401);
  });

  it('keeps everything across a restart', async () => {
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` })).json();
    const stored = await t.deps.db.selectFrom('comments').select(['id', 'status', 'body']).orderBy('id').execute();
    expect(stored.length).toBeGreaterThanOrEqual(4);
    await t.stop();
    t = await t.restart();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(before);
    expect(await t.deps.db.selectFrom('comments').select(['id', 'status', 'body']).orderBy('id').execute()).toEqual(stored);
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Un article &lt;b>gras&lt;/b>');
  });
});

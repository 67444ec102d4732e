import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe.each(DIALECTS)('bad input at the boundary on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
    admin = await createUserWithToken(t.deps, 'admin');
    article = await createArticle(t, editor.auth, { title: 'Un article ouvert' });
  });
  afterAll(async () => t?.close());

  it('refuses a NUL character in JSON, forms and query strings with 400 naming the field', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { title: 'Titre\u0000nul', body: 'x', status: 'draft' } });
    expect(json.statusCode, json.body).toBe(400);
    expect(json.json()).toMatchObject({ error: 'invalid_input', field: 'title' });
    expect(json.json().message).toContain('NUL');

    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '198.51.100.77',
      payload: { body: 'Un commentaire avec un \u0000 caché dedans, assez long.', name: 'Nul', email: 'nul@example.test' },
    });
    expect(comment.statusCode, comment.body).toBe(400);
    expect(comment.json().field).toBe('body');

    const query = await t.app.inject({ method: 'GET', url: '/api/v1/articles?q=a%00b' });
    expect(query.statusCode, query.body).toBe(400);
    const page = await t.app.inject({ method: 'GET', url: '/search?q=a%00b' });
    expect(page.statusCode).toBe(400);
    const path = await t.app.inject({ method: 'GET', url: '/rubrique%00/article' });
    expect([400, 404]).toContain(path.statusCode);
  });

  it('answers 404 for ids beyond what an id column holds, on every id route', async () => {
    for (const url of ['/api/v1/articles/2147483648', '/api/v1/articles/99999999999999999999', `/api/v1/articles/2147483648/comments`, '/api/v1/articles/2147483648/revisions', '/api/v1/comments/2147483648/edits']) {
      const res = await t.app.inject({ method: 'GET', url, headers: editor.auth });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
    }
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/articles/2147483648', headers: editor.auth, payload: { title: 'x' } });
    expect(patch.statusCode).toBe(404);
    const last = await t.app.inject({ method: 'GET', url: '/api/v1/articles/2147483647' });
    expect(last.statusCode).toBe(404);
  });

  it('takes a repeated query parameter as not sent, never a 500', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/login?next=/a&next=/b' });
    expect(anon.statusCode).toBe(200);
    expect(anon.body).not.toContain('value="/a"');
    const s = await sessionFor(t.deps, editor.id);
    const signedIn = await t.app.inject({ method: 'GET', url: '/login?next=/a&next=/b&x=1', headers: { cookie: s.cookie } });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/admin');
    const once = await t.app.inject({ method: 'GET', url: '/login?next=/a&x=1&x=2', headers: { cookie: s.cookie } });
    expect(once.headers.location).toBe('/a');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/articles?status=published&status=draft', headers: editor.auth });
    expect(list.statusCode, list.body).toBe(200);
  });

  it('takes an empty patch of an account as a change of nothing (found by the fuzzer)', async () => {
    const target = await createUserWithToken(t.deps, 'author');
    for (const payload of [{}, '']) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${target.id}`, headers: { ...admin.auth, 'content-type': typeof payload === 'string' ? 'application/x-www-form-urlencoded' : 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: target.id, role: 'author' });
    }
  });

  it('answers 409, never 500, when two creations race for one slug', async () => {
    const both = await Promise.all(
      [1, 2, 3].map((n) => t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { title: `Course ${n}`, slug: 'une-course', body: 'x', status: 'draft' } })),
    );
    const statuses = both.map((r) => r.statusCode);
    for (const r of both) expect([201, 409], r.body).toContain(r.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of both.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ error: 'conflict', field: 'slug' });
  });

  it('answers 409, never 500, when two invitations race for one email', async () => {
    const email = `course-${engine}@example.test`;
    const both = await Promise.all(
      [1, 2].map((n) => t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: admin.auth, payload: { email, name: `Invitée ${n}`, role: 'author' } })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json()).toMatchObject({ error: 'conflict', field: 'email' });
  });

  it('explains a refused field in the reader’s language (French by default, English on request)', async () => {
    const fr = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { title: '', body: 'x' } });
    expect(fr.statusCode).toBe(400);
    expect(fr.json()).toMatchObject({ field: 'title', message: 'titre : obligatoire' });
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: { ...editor.auth, 'accept-language': 'en-GB,en;q=0.9' }, payload: { title: '', body: 'x' } });
    expect(en.json()).toMatchObject({ field: 'title', message: 'title: required' });
    const tooLong = await t.app.inject({ method: 'POST', url: '/api/v1/sections', headers: editor.auth, payload: { name: 'x'.repeat(500) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toMatch(/^nom : Trop grand/);

    // A guest who leaves the name empty where the site asks for one (comment.service's English reason).
    const settings = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { guests: 'name-email' } });
    expect(settings.statusCode, settings.body).toBe(200);
    const guest = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '198.51.100.78',
      payload: { body: 'Un commentaire tout à fait ordinaire sur cet article.', email: 'invite@example.test' },
    });
    expect(guest.statusCode, guest.body).toBe(400);
    expect(guest.json().message).toBe('nom : obligatoire');
    // The same reader on the page's form, without JavaScript: the page says it in French too.
    const form = await t.app.inject({
      method: 'POST',
      url: `/articles/${article.id}/comments`,
      remoteAddress: '198.51.100.79',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: new URLSearchParams({ body: 'Un commentaire tout à fait ordinaire sur cet article.', email: 'invite@example.test' }).toString(),
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Votre commentaire n’a pas pu être envoyé : nom : obligatoire');
    expect(form.body).not.toContain('name: required');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { guests: 'allowed' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, pathOf, postForm as post, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Session = Awaited<ReturnType<typeof sessionFor>>;

describe.each(DIALECTS)('renaming and merging tags on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let author: Awaited<ReturnType<typeof createUserWithToken>>;
  let es: Session;
  let as: Session;

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const tagsOf = async (id: number) => (await get(`/api/v1/articles/${id}`, editor.auth)).json<{ tags: string[] }>().tags;
  const found = async (q: string) => (await get(`/api/v1/articles?q=${encodeURIComponent(q)}`)).json<{ articles: { id: number }[] }>().articles.map((a) => a.id);

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor', 'Awa Traoré');
    author = await createUserWithToken(t.deps, 'author', 'Ibrahim Maïga');
    es = await sessionFor(t.deps, editor.id);
    as = await sessionFor(t.deps, author.id);
  });
  afterAll(async () => t?.close());

  it('renames a tag from the sections page: the old address and its feeds answer 301, search finds the new name', async () => {
    const a = await createArticle(t, editor.auth, { title: 'La campagne agricole démarre', tags: ['Coton'] });
    expect((await get('/tag/coton')).statusCode).toBe(200); // now in the page cache
    expect((await get(pathOf(a.url))).body).toContain('href="/tag/coton"');
    expect(await found('kapokier')).toEqual([]);

    const res = await post(t, es, '/admin/tags/coton', { _csrf: es.csrf, name: 'Kapokier', slug: 'kapokier' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Mot-clé renommé');
    expect(res.body).toContain('href="/tag/kapokier"');

    const old = await get('/tag/coton?page=2');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/tag/kapokier?page=2');
    const feed = await get('/tag/coton/feed.xml');
    expect(feed.statusCode).toBe(301);
    expect(feed.headers.location).toBe('/tag/kapokier/feed.xml');
    const page = await get('/tag/kapokier');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('La campagne agricole démarre');
    expect((await get(pathOf(a.url))).body).toContain('href="/tag/kapokier"');
    expect(await tagsOf(a.id)).toEqual(['kapokier']);
    expect(await found('kapokier')).toEqual([a.id]);

    // A name alone keeps the slug; taking another tag's slug is refused, merging is the way.
    await createArticle(t, editor.auth, { tags: ['Mil'] });
    const nameOnly = await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/kapokier', headers: editor.auth, payload: { name: 'Le kapokier' } });
    expect(nameOnly.json()).toMatchObject({ slug: 'kapokier', name: 'Le kapokier' });
    const taken = await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/kapokier', headers: editor.auth, payload: { name: 'Mil', slug: 'mil' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toMatch(/"mil".*merge/);
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/kapokier', headers: editor.auth, payload: { name: 'x', slug: 'Pas Un Slug' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('slug');
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/inconnu', headers: editor.auth, payload: { name: 'x' } })).statusCode).toBe(404);

    // Renaming back makes the old address a live page again.
    await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/kapokier', headers: editor.auth, payload: { name: 'Coton', slug: 'coton' } });
    expect((await get('/tag/coton')).statusCode).toBe(200);
    expect((await get('/tag/kapokier')).headers.location).toBe('/tag/coton');
  });

  it('merges a tag into another: no duplicate row, the first disappears and redirects, search follows', async () => {
    const both = await createArticle(t, editor.auth, { title: 'Le marché de Bamako', tags: ['Mangue', 'Fruits'] });
    const one = await createArticle(t, editor.auth, { title: 'Saison des récoltes', tags: ['Mangue'] });
    // A former slug of the merged tag follows it too.
    await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/mangue', headers: editor.auth, payload: { name: 'Mangues', slug: 'mangues' } });
    expect(await found('vergers')).toEqual([]);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/tags/fruits', headers: editor.auth, payload: { name: 'Vergers' } });

    const res = await post(t, es, '/admin/tags/mangues/merge', { _csrf: es.csrf, into: 'fruits' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('2 article(s) portent désormais « Vergers »');

    const fruits = await t.deps.db.selectFrom('tags').select('id').where('slug', '=', 'fruits').executeTakeFirstOrThrow();
    const rows = await t.deps.db.selectFrom('article_tags').select('article_id').where('tag_id', '=', fruits.id).orderBy('article_id').execute();
    expect(rows.map((r) => r.article_id)).toEqual([both.id, one.id]);
    expect(await t.deps.db.selectFrom('tags').select('id').where('slug', 'in', ['mangue', 'mangues']).execute()).toEqual([]);
    expect(await tagsOf(both.id)).toEqual(['fruits']);
    expect(await tagsOf(one.id)).toEqual(['fruits']);
    for (const slug of ['mangues', 'mangue']) {
      const old = await get(`/tag/${slug}`);
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe('/tag/fruits');
    }
    expect((await get('/tag/fruits')).body).toContain('Saison des récoltes');
    expect((await found('vergers')).sort()).toEqual([both.id, one.id].sort());

    const self = await t.app.inject({ method: 'POST', url: '/api/v1/tags/fruits/merge', headers: editor.auth, payload: { into: 'fruits' } });
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toContain('itself');
    const nowhere = await post(t, es, '/admin/tags/fruits/merge', { _csrf: es.csrf, into: 'inconnu' });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.body).toContain('into: no tag &quot;inconnu&quot;');
  });

  it('refuses an author (403) and a form without its CSRF token', async () => {
    await createArticle(t, editor.auth, { tags: ['Riz'] });
    const byAuthor = await post(t, as, '/admin/tags/riz', { _csrf: as.csrf, name: 'Riz paddy', slug: 'riz-paddy' });
    expect(byAuthor.statusCode).toBe(403);
    const mergeByAuthor = await post(t, as, '/admin/tags/riz/merge', { _csrf: as.csrf, into: 'coton' });
    expect(mergeByAuthor.statusCode).toBe(403);
    const noToken = await post(t, es, '/admin/tags/riz', { name: 'Riz paddy', slug: 'riz-paddy' });
    expect(noToken.statusCode).toBe(403);
    const noTokenMerge = await post(t, es, '/admin/tags/riz/merge', { into: 'coton' });
    expect(noTokenMerge.statusCode).toBe(403);
    expect((await get('/tag/riz')).statusCode).toBe(200);
    expect((await get('/tag/riz-paddy')).statusCode).toBe(404);
  });

  it('shows the rename and merge forms in English too', async () => {
    await t.app.inject({ method: 'POST', url: '/admin/account/locale', headers: { ...es.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${es.csrf}&locale=en` });
    const page = await get('/admin/sections', { cookie: es.cookie });
    expect(page.body).toContain('Merge into (tag address)');
    expect(page.body).toContain('action="/admin/tags/riz/merge"');
    expect(page.body).toContain('<datalist id="tag-slugs">');
    const res = await post(t, es, '/admin/tags/riz', { _csrf: es.csrf, name: 'Riz', slug: 'riz-local' });
    expect(res.body).toContain('Tag renamed; its former address redirects to the new one.');
  });
});

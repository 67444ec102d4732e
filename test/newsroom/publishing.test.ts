import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTtl } from '../../src/modules/articles/article.pages';
import { DIALECTS } from '../support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf } from '../support/factories';
import { createTestApp, movingClock, type TestApp } from '../support/test-app';

describe.each(DIALECTS)('publishing on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  const clock = movingClock();

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
    await createSection(t, editor.auth, 'Politique');
  });
  afterAll(async () => t?.close());

  it('publishes an article scheduled 3 seconds ahead on its page and the home page at its time, with nothing run by hand', async () => {
    // Warm the home page cache first: it must not outlive the scheduled publication.
    const warm = await t.app.inject({ method: 'GET', url: '/' });
    expect(warm.statusCode).toBe(200);
    const at = new Date(clock.now().getTime() + 3000).toISOString();
    const a = await createArticle(t, editor.auth, { title: 'Le budget voté à l’aube', status: 'scheduled', publishAt: at, section: 'politique' });
    expect(a.status).toBe('scheduled');
    const ttl = await listTtl(t.deps);
    expect(ttl).toBeLessThanOrEqual(3000);
    expect(ttl).toBeGreaterThan(0);
    const before = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
    expect(before.statusCode).toBe(404);
    const homeBefore = await t.app.inject({ method: 'GET', url: '/' });
    expect(homeBefore.body).not.toContain('Le budget voté à l’aube');
    const feedBefore = await t.app.inject({ method: 'GET', url: '/feed.xml' });
    expect(feedBefore.statusCode).toBe(200);
    expect(feedBefore.body).not.toContain('Le budget voté à l’aube');
    const section = await t.app.inject({ method: 'GET', url: '/politique' });
    expect(section.body).not.toContain('Le budget voté à l’aube');
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` });
    expect(anon.statusCode).toBe(404);
    clock.advance(3000); // its time comes
    const after = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Le budget voté à l’aube');
    const homeAfter = await t.app.inject({ method: 'GET', url: '/' });
    expect(homeAfter.body).toContain('Le budget voté à l’aube');
    const sectionAfter = await t.app.inject({ method: 'GET', url: '/politique' });
    expect(sectionAfter.body).toContain('Le budget voté à l’aube');
    const feedAfter = await t.app.inject({ method: 'GET', url: '/feed.xml' });
    expect(feedAfter.body).toContain('Le budget voté à l’aube');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` });
    expect(api.json().status).toBe('published');
  });

  it('makes slugs from French titles, keeps them unique, and 301s every former slug to the current one', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Œuvres d’État : l’été à Ségou', section: 'politique' });
    expect(a.slug).toBe('oeuvres-d-etat-l-ete-a-segou');
    const b = await createArticle(t, editor.auth, { title: 'Œuvres d’État : l’été à Ségou' });
    expect(b.slug).toBe('oeuvres-d-etat-l-ete-a-segou-2');
    const first = pathOf(a.url);
    const p1 = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { slug: 'ete-a-segou' } });
    expect(p1.json().slug).toBe('ete-a-segou');
    const p2 = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { slug: 'segou-en-ete' } });
    const current = pathOf(p2.json().url);
    expect(current).toBe('/politique/segou-en-ete');
    for (const old of [first, '/politique/ete-a-segou']) {
      const r = await t.app.inject({ method: 'GET', url: old });
      expect(r.statusCode).toBe(301);
      expect(r.headers.location).toBe(current);
    }
    expect((await t.app.inject({ method: 'GET', url: current })).statusCode).toBe(200);
    // A former slug stays reserved for its article.
    const c = await createArticle(t, editor.auth, { title: 'Autre', slug: 'ete-a-segou' });
    expect(c.slug).toBe('ete-a-segou-2');
  });

  it('leaves two revisions after two edits, shows each with its diff, and restores one', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Version un', body: 'Premier texte.' });
    const list0 = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/revisions`, headers: editor.auth });
    expect(list0.json().revisions).toHaveLength(0);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { body: 'Deuxième texte.' } });
    // A change of something else than the text is not a new version of the text.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { commentsOpen: false } });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { title: 'Version trois', body: 'Troisième texte.' } });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/revisions`, headers: editor.auth });
    const revs = list.json<{ revisions: { id: number; title: string; createdAt: string; author: { name: string } }[] }>().revisions;
    expect(revs).toHaveLength(2);
    expect(revs.map((r) => r.title)).toEqual(['Version un', 'Version un']);
    expect(revs[0]?.author.name).toBe('Rédaction');
    const oldest = revs[1]?.id ?? 0;
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/revisions/${oldest}`, headers: editor.auth });
    expect(one.json().body).toBe('Premier texte.');
    const session = await import('../support/factories').then((f) => f.sessionFor(t.deps, editor.id));
    const diff = await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}/revisions/${oldest}`, headers: { cookie: session.cookie } });
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('<del>Premier</del>');
    expect(diff.body).toContain('<ins>Deuxième</ins>');
    const restore = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/revisions/${oldest}/restore`, headers: editor.auth });
    expect(restore.statusCode).toBe(200);
    expect(restore.json()).toMatchObject({ title: 'Version un', body: 'Premier texte.' });
    const list3 = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/revisions`, headers: editor.auth });
    expect(list3.json().revisions).toHaveLength(3);
  });

  it('shows a correction notice on the page', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Un chiffre faux' });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/articles/${a.id}`,
      headers: editor.auth,
      payload: { correction: 'Une version précédente donnait 12 morts au lieu de 21.' },
    });
    expect(patch.json().correction).toBe('Une version précédente donnait 12 morts au lieu de 21.');
    const page = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
    expect(page.body).toMatch(/<aside class="correction"[^>]*>[\s\S]*Une version précédente donnait 12 morts au lieu de 21\./);
  });
});

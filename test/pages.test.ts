import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';
import { postThread } from './support/thread';

describe.each(DIALECTS)('public pages on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor', 'Aminata Traoré');
    await createSection(t, editor.auth, 'Économie');
  });
  afterAll(async () => t?.close());

  it('lists published articles newest first on the home and section pages, never drafts', async () => {
    const older = await createArticle(t, editor.auth, { title: 'Le prix du riz recule', section: 'economie', publishAt: '2026-01-01T08:00:00.000Z' });
    const newer = await createArticle(t, editor.auth, { title: 'La récolte s’annonce bonne', section: 'economie', publishAt: '2026-02-01T08:00:00.000Z' });
    await createArticle(t, editor.auth, { title: 'Brouillon secret', section: 'economie', status: 'draft' });
    for (const path of ['/', '/economie']) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode).toBe(200);
      const $ = cheerio.load(res.body);
      const titles = $('.card-title a').map((_, el) => $(el).text()).get();
      expect(titles.indexOf(newer.title)).toBeLessThan(titles.indexOf(older.title));
      expect(titles.indexOf(newer.title)).toBeGreaterThanOrEqual(0);
      expect(res.body).not.toContain('Brouillon secret');
      expect($('main#main').length).toBe(1);
      expect($('header').length).toBeGreaterThan(0);
      expect($('nav[aria-label]').length).toBeGreaterThan(0);
      expect($('html').attr('lang')).toBe('fr');
    }
    expect((await t.app.inject({ method: 'GET', url: '/rubrique-inconnue' })).statusCode).toBe(404);
  });

  it('shows the byline of several authors in order, the dateline, the date and a correction', async () => {
    const second = await createUserWithToken(t.deps, 'author', 'Moussa Keïta');
    const a = await createArticle(t, editor.auth, {
      title: 'Enquête sur les marchés',
      dateline: 'BAMAKO',
      authors: [second.id, editor.id],
      correction: 'Une version précédente citait un mauvais chiffre.',
      publishAt: '2026-03-08T09:30:00.000Z',
    });
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).body);
    expect($('.byline').text()).toBe('Par Moussa Keïta et Aminata Traoré');
    expect($('.dateline').text()).toContain('BAMAKO');
    expect($('time').first().attr('datetime')).toBe('2026-03-08T09:30:00.000Z');
    expect($('.correction').text()).toContain('mauvais chiffre');
  });

  it('threads replies up to threadDepth and attaches deeper replies at the last level', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Un fil de discussion' });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { threadDepth: 2 } });
    let parentId: number | undefined;
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.id}/comments`,
        remoteAddress: `192.0.2.${100 + i}`,
        payload: { body: `Réponse de niveau ${i + 1}, bien argumentée.`, name: `Lecteur ${i}`, email: `l${i}@example.test`, token: readerToken(t, a.id), ...(parentId ? { parentId } : {}) },
      });
      expect(res.statusCode, res.body).toBe(201);
      parentId = res.json().id;
      ids.push(res.json().id);
    }
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).body);
    expect($('#comments > li').length).toBe(1);
    expect($(`#comment-${ids[0]} > ol > li`).length).toBe(3);
    expect($('.comment-count').text()).toBe('4 commentaires');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { threadDepth: 5 } });
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.id}/comments`,
      payload: { body: 'Réponse à un fantôme.', name: 'X', email: 'x@example.test', parentId: 999999 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('parentId');
  });

  it('pages the comments API with a cursor and sorts newest first on request', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Beaucoup de réactions' });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 2 } });
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: editor.auth, payload: { body: `Réaction numéro ${i + 1}` } });
    }
    const first = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments?sort=newest` })).json();
    expect(first.comments.map((c: { body: string }) => c.body)).toEqual(['Réaction numéro 3', 'Réaction numéro 2']);
    expect(first.open).toBe(true);
    const second = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments?sort=newest&after=${first.next}` })).json();
    expect(second.comments.map((c: { body: string }) => c.body)).toEqual(['Réaction numéro 1']);
    expect(second.next).toBeNull();
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 50 } });
  });

  it('describes an article by its summary, else by its first paragraph as plain text, escaped and cut near 155 characters', async () => {
    const description = async (fields: Record<string, unknown>) => {
      const a = await createArticle(t, editor.auth, fields);
      const res = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
      const $ = cheerio.load(res.body);
      expect($('meta[name=description]')).toHaveLength(1);
      expect($('meta[property="og:description"]').attr('content')).toBe($('meta[name=description]').attr('content'));
      return { text: $('meta[name=description]').attr('content') ?? '', html: res.body };
    };
    expect((await description({ title: 'Avec chapô', summary: 'Le chapô de l’article.', body: 'Un premier paragraphe.' })).text).toBe('Le chapô de l’article.');
    const plain = await description({
      title: 'Sans chapô',
      summary: '',
      body: '## Un intertitre\n\nLe **riz** coûte <script>alert(1)</script> & "plus" à [Mopti](https://example.test/mopti)\nce mois-ci.\n\nDeuxième paragraphe.',
    });
    expect(plain.text).toBe('Le riz coûte <script>alert(1)</script> & "plus" à Mopti ce mois-ci.');
    expect(plain.html).toContain('content="Le riz coûte &lt;script>alert(1)&lt;/script> &amp; &quot;plus&quot; à Mopti ce mois-ci."');
    const words = Array.from({ length: 60 }, (_, i) => `mot${i}`).join(' ');
    const long = (await description({ title: 'Très long', summary: '', body: `${words}\n\nSuite.` })).text;
    expect(long.length).toBeLessThanOrEqual(156);
    expect(long).toMatch(/^mot0 mot1 .* mot\d+…$/);
    expect(words.startsWith(long.slice(0, -1))).toBe(true);
    expect(words.charAt(long.length - 1)).toBe(' '); // cut between words
  });

  it('keeps a 200-comment discussion under 1,500 elements, its like and report buttons sharing one form', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Un fil très suivi', body: 'Premier paragraphe.\n\nSecond paragraphe.' });
    const ids = await postThread(t, editor.auth, a.id, 200);
    // The whole thread on one page (pageSize past its threads): the budget is for 200 comments shown.
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 500 } });
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).body);
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 50 } });
    expect($('li.comment')).toHaveLength(200);
    expect($('ol.comment-replies').length).toBeGreaterThan(20); // a real thread, not a flat list
    expect($('*').length).toBeLessThanOrEqual(1500);
    expect($('form')).toHaveLength(3); // search, the comment form, the shared actions form
    const shared = $('form#comment-actions[method=post]');
    expect(shared).toHaveLength(1);
    const last = ids[ids.length - 1];
    expect($(`#comment-${last} > button.like-button`).attr('form')).toBe('comment-actions');
    expect($(`#comment-${last} > button.like-button`).attr('formaction')).toBe(`/comments/${last}/like`);
    expect($(`#comment-${last} > button.report-button`).attr('formaction')).toBe(`/comments/${last}/report`);
    expect($('script[src]').map((_, el) => $(el).attr('src')?.split('?')[0]).get()).toEqual(['/assets/article.js']);
  }, 120_000); // 200 comments through the whole posting pipeline, on a machine that may be busy

  it('serves the cached anonymous page with an ETag and 304, and gzip when asked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const etag = res.headers.etag as string;
    expect(res.headers['cache-control']).toContain('public');
    const again = await t.app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const gz = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const signedIn = await t.app.inject({ method: 'GET', url: '/', headers: editor.auth });
    expect(signedIn.headers['cache-control']).toContain('no-store');
  });
});

describe.each(DIALECTS)('the site in English on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { env: { PALABRE_LOCALE: 'en' } });
  });
  afterAll(async () => t?.close());

  it('speaks English everywhere, closed discussions included', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const a = await createArticle(t, editor.auth, { title: 'Closed debate', commentsOpen: false });
    const page = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Comments are closed.');
    expect(page.body).toContain('Skip to content');
    const missing = await t.app.inject({ method: 'GET', url: '/nowhere/at-all', headers: { accept: 'text/html' } });
    expect(missing.body).toContain('Page not found.');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { title: 5 } });
    expect(bad.json().message).toMatch(/^title: /);
  });
});

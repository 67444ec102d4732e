import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Session = Awaited<ReturnType<typeof sessionFor>>;

function post(t: TestApp, s: Session, url: string, fields: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
  });
}

describe.each(DIALECTS)('the newsroom pages on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let author: Awaited<ReturnType<typeof createUserWithToken>>;
  let es: Session;
  let as: Session;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor', 'Awa Traoré');
    author = await createUserWithToken(t.deps, 'author', 'Ibrahim Maïga');
    await createSection(t, editor.auth, 'Économie', 'economie');
    await createSection(t, editor.auth, 'Sport', 'sport');
    es = await sessionFor(t.deps, editor.id);
    as = await sessionFor(t.deps, author.id);
  });
  afterAll(async () => t?.close());

  it('creates an article from the editor form with every field, a byline of two in order', async () => {
    const res = await post(t, es, '/admin/articles', {
      title: 'La récolte de coton dépasse les prévisions',
      summary: 'Un chapô.',
      body: 'Premier paragraphe **important**.',
      dateline: 'SIKASSO',
      section: 'economie',
      tags: 'Coton, Agriculture',
      author_0: String(author.id),
      author_1: String(editor.id),
      image: '',
      correction: '',
      commentsOpen: '1',
      mode: 'publish',
      publishAt: '',
      intent: 'save',
    });
    expect(res.statusCode, res.body).toBe(303);
    const id = Number(/\/admin\/articles\/(\d+)\?saved=1/.exec(res.headers.location ?? '')?.[1]);
    const a = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${id}`, headers: editor.auth })).json();
    expect(a).toMatchObject({ status: 'published', section: 'economie', dateline: 'SIKASSO', tags: ['agriculture', 'coton'], authors: [author.id, editor.id], commentsOpen: true, slug: 'la-recolte-de-coton-depasse-les-previsions' });
    const page = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
    expect(page.body).toContain('Ibrahim Maïga et Awa Traoré');
    const edit = await t.app.inject({ method: 'GET', url: `/admin/articles/${id}?saved=1`, headers: { cookie: es.cookie } });
    expect(edit.statusCode).toBe(200);
    const $ = cheerio.load(edit.body);
    expect($('#title').val()).toBe('La récolte de coton dépasse les prévisions');
    expect($('#author_0').val()).toBe(String(author.id));
    expect($('#author_1').val()).toBe(String(editor.id));
    expect($('#preview strong').text()).toBe('important');
    expect($('script[src^="/assets/editor.js"]').length).toBe(1);
    expect(edit.body).toContain('Article enregistré.');
    // Every label of the form points at a control.
    $('label[for]').each((_, el) => {
      expect($(`#${$(el).attr('for')}`).length).toBe(1);
    });
  });

  it('keeps a refused form as typed, with the reason', async () => {
    const res = await post(t, es, '/admin/articles', { title: 'Programmé sans date', body: 'Texte gardé', mode: 'schedule', publishAt: '', intent: 'save' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('publishAt');
    expect(res.body).toContain('Texte gardé');
  });

  it('lets an author write a draft but not publish it (403), and an editor publish it', async () => {
    const draft = await post(t, as, '/admin/articles', { title: 'Brouillon d’auteur', body: 'x', mode: 'draft', intent: 'save' });
    expect(draft.statusCode).toBe(303);
    const id = Number(/(\d+)/.exec(draft.headers.location ?? '')?.[1]);
    const form = await t.app.inject({ method: 'GET', url: `/admin/articles/${id}`, headers: { cookie: as.cookie } });
    expect(cheerio.load(form.body)('input[name=mode][value=publish]').attr('disabled')).toBeDefined();
    const refused = await post(t, as, `/admin/articles/${id}`, { title: 'Brouillon d’auteur', body: 'x', author_0: String(author.id), mode: 'publish', intent: 'save' });
    expect(refused.statusCode).toBe(403);
    const ok = await post(t, es, `/admin/articles/${id}`, { title: 'Brouillon d’auteur', body: 'x', author_0: String(author.id), mode: 'publish', intent: 'save', commentsOpen: '1' });
    expect(ok.statusCode).toBe(303);
    const a = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${id}` })).json();
    expect(a.status).toBe('published');
  });

  it('filters the article list by status, section and author', async () => {
    await createArticle(t, editor.auth, { title: 'Match nul à Bamako', section: 'sport' });
    await createArticle(t, editor.auth, { title: 'Brouillon sportif', section: 'sport', status: 'draft' });
    const list = (q: string) => t.app.inject({ method: 'GET', url: `/admin/articles${q}`, headers: { cookie: es.cookie } });
    const sport = await list('?section=sport');
    expect(sport.body).toContain('Match nul à Bamako');
    expect(sport.body).not.toContain('La récolte de coton');
    const drafts = await list('?section=sport&status=draft');
    expect(drafts.body).toContain('Brouillon sportif');
    expect(drafts.body).not.toContain('Match nul à Bamako');
    const byAuthor = await list(`?author=${author.id}`);
    expect(byAuthor.body).toContain('La récolte de coton');
    expect(byAuthor.body).not.toContain('Match nul à Bamako');
    // An author's list holds only their own articles.
    const mine = await t.app.inject({ method: 'GET', url: '/admin/articles', headers: { cookie: as.cookie } });
    expect(mine.body).toContain('Brouillon d’auteur');
    expect(mine.body).not.toContain('Match nul à Bamako');
  });

  it('pages through a long article list, keeping the filters', async () => {
    for (let i = 0; i < 52; i++) await createArticle(t, editor.auth, { title: `Dépêche numéro ${i}`, section: 'sport', status: 'draft' });
    const first = await t.app.inject({ method: 'GET', url: '/admin/articles?section=sport&status=draft', headers: { cookie: es.cookie } });
    const $ = cheerio.load(first.body);
    expect($('.admin-table tbody tr').length).toBe(50);
    const next = $('a[rel=next]').attr('href') ?? '';
    expect(next).toContain('section=sport');
    const second = await t.app.inject({ method: 'GET', url: next, headers: { cookie: es.cookie } });
    const titles = cheerio.load(second.body)('.admin-table tbody tr td:first-child a:first-child').map((_, el) => cheerio.load(el).text()).get();
    // 52 new drafts and the earlier sports draft: three on the second page, none seen twice.
    expect(titles).toHaveLength(3);
    expect(titles).toContain('Brouillon sportif');
    for (const title of titles) expect(first.body).not.toContain(`>${title}<`);
  });

  it('previews Markdown with the public renderer and autosaves without touching the article', async () => {
    const prev = await t.app.inject({ method: 'POST', url: '/api/v1/preview', headers: es.headers, payload: { body: '# Titre\n\n<script>alert(1)</script> *ok*' } });
    expect(prev.statusCode).toBe(200);
    expect(prev.json().html).toContain('<em>ok</em>');
    expect(prev.json().html).not.toContain('<script>');
    const a = await createArticle(t, editor.auth, { title: 'Autosauvé', body: 'Version enregistrée.', status: 'draft' });
    const save = await t.app.inject({ method: 'PUT', url: `/api/v1/articles/${a.id}/autosave`, headers: es.headers, payload: { title: 'Autosauvé', summary: '', body: 'Version en cours de frappe.' } });
    expect(save.statusCode).toBe(200);
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}`, headers: editor.auth })).json();
    expect(api.body).toBe('Version enregistrée.');
    const revs = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/revisions`, headers: editor.auth })).json();
    expect(revs.revisions).toHaveLength(0);
    const edit = await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}`, headers: { cookie: es.cookie } });
    expect(edit.body).toContain('enregistrée automatiquement');
    const resumed = await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}?autosave=1`, headers: { cookie: es.cookie } });
    expect(cheerio.load(resumed.body)('#body').text()).toBe('Version en cours de frappe.');
    // Another author may not autosave someone else's article.
    const other = await t.app.inject({ method: 'PUT', url: `/api/v1/articles/${a.id}/autosave`, headers: author.auth, payload: { title: 'x', summary: '', body: 'y' } });
    expect(other.statusCode).toBe(403);
  });

  it('creates sections and lists tags; manages accounts; saves the discussion settings', async () => {
    const sec = await post(t, es, '/admin/sections', { name: 'Société', slug: '' });
    expect(sec.statusCode).toBe(200);
    expect(sec.body).toContain('Rubrique créée.');
    expect(sec.body).toContain('/societe');
    expect(sec.body).toContain('coton');
    const dup = await post(t, es, '/admin/sections', { name: 'Société', slug: '' });
    expect(dup.statusCode).toBe(400);
    const renamed = await post(t, es, '/admin/sections/societe', { name: 'Société et culture' });
    expect(renamed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sections/societe' })).json().name).toBe('Société et culture');
    const users = await t.app.inject({ method: 'GET', url: '/admin/users', headers: { cookie: es.cookie } });
    expect(users.statusCode).toBe(200);
    expect(users.body).toContain('Ibrahim Maïga');
    expect(users.body).toContain('Inviter quelqu’un');
    const settings = await t.app.inject({ method: 'GET', url: '/admin/settings', headers: { cookie: es.cookie } });
    expect(settings.body).toContain('href="/admin/moderation"');
    const saved = await post(t, es, '/admin/settings', {
      closeAfterDays: '30', moderation: 'first-time', maxLinks: '1', holdWords: 'arnaque\ncasino', blockWords: '', guests: 'name-email', threadDepth: '4', pageSize: '40', editWindowMinutes: '10',
    });
    expect(saved.statusCode).toBe(200);
    const api = (await t.app.inject({ method: 'GET', url: '/api/v1/settings/discussion', headers: editor.auth })).json();
    expect(api).toMatchObject({ closeAfterDays: 30, moderation: 'first-time', maxLinks: 1, holdWords: ['arnaque', 'casino'], threadDepth: 4 });
    const bad = await post(t, es, '/admin/settings', { closeAfterDays: 'beaucoup', moderation: 'post', maxLinks: '1', guests: 'allowed', threadDepth: '4', pageSize: '40', editWindowMinutes: '10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('closeAfterDays');
  });

  it('refuses a newsroom form without its CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/sections',
      headers: { ...es.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Pirate',
    });
    expect(res.statusCode).toBe(403);
  });

  it('speaks English to a user who chose it, and keeps French as the default', async () => {
    const res = await post(t, as, '/admin/account/locale', { locale: 'en' });
    expect(res.statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: as.cookie } });
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Dashboard');
    expect(page.body).toContain('Write an article');
    const fr = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: es.cookie } });
    expect(fr.body).toContain('<html lang="fr"');
  });

  it('keeps moderators and readers out of the editor', async () => {
    const mod = await createUserWithToken(t.deps, 'moderator');
    const ms = await sessionFor(t.deps, mod.id);
    const dash = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: ms.cookie } });
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain('href="/admin/moderation"');
    expect(dash.body).not.toContain('href="/admin/articles"');
    expect((await t.app.inject({ method: 'GET', url: '/admin/articles/new', headers: { cookie: ms.cookie } })).statusCode).toBe(403);
    const reader = await createUserWithToken(t.deps, 'reader');
    const rs = await sessionFor(t.deps, reader.id);
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: rs.cookie } })).statusCode).toBe(403);
  });
});

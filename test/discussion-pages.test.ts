import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPublishedByIds } from '../src/modules/comments/comment.repository';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, pathOf, type ArticleJson } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' };
let address = 0;
const nextAddress = () => `198.51.100.${(address++ % 250) + 1}`;

/** The ids of the top-level threads a page shows, in order. */
function threadIds($: cheerio.CheerioAPI): number[] {
  return $('#comments > li.comment').map((_, el) => Number($(el).attr('data-id'))).get();
}

describe.each(DIALECTS)('the discussion in pages of pageSize threads on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: ArticleJson;
  let path: string;
  /** The 120 top-level comments, oldest first. */
  const roots: number[] = [];
  /** A reply to the first thread of each page (1st, 51st, 111th comment) and a reply to that reply. */
  const replies: Record<number, number[]> = {};
  const clock = fakeClock();

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const page = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return cheerio.load(res.body);
  };
  const post = async (body: string, parentId?: number) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: editor.auth, payload: { body, ...(parentId ? { parentId } : {}) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor', 'Awa Diallo');
    article = await createArticle(t, editor.auth, { title: 'La crue du fleuve, heure par heure' });
    path = pathOf(article.url);
    const settings = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 50, autoRules: { enabled: false } } });
    // (a thread this fast would otherwise switch the article to pre-moderation: the guest's post below is about paging)
    expect(settings.statusCode, settings.body).toBe(200);
    for (let i = 0; i < 120; i++) roots.push(await post(`Témoignage numéro ${i + 1} : l’eau monte encore dans notre quartier.`));
    for (const i of [0, 50, 110]) {
      const root = roots[i] ?? 0;
      const first = await post(`Réponse au témoignage ${i + 1}.`, root);
      replies[root] = [first, await post(`Réponse à la réponse au témoignage ${i + 1}.`, first)];
    }
  }, 180_000); // 126 comments through the whole posting pipeline, on a machine that may be busy
  afterAll(async () => t?.close());

  it('shows the first 50 threads with their replies, the total count and a link to the next page', async () => {
    const $ = await page(path);
    expect(threadIds($)).toEqual(roots.slice(0, 50));
    expect($('.comment-count').text()).toBe('126 commentaires');
    const first = roots[0] ?? 0;
    expect($(`#comment-${first} li.comment`).map((_, el) => Number($(el).attr('data-id'))).get()).toEqual(replies[first]);
    const nav = $('nav.comment-pages');
    expect(nav.attr('aria-label')).toBe('Pages de la discussion');
    expect(nav.find('a[rel=next]').text()).toBe('Commentaires suivants');
    expect(nav.find('a[rel=next]').attr('href')).toBe('?page=2#comments');
    expect(nav.find('a[rel=prev]')).toHaveLength(0);
    expect(nav.find('.comment-page').text()).toBe('Page 1 sur 3');
    expect($('#comments').attr('data-first-page')).toBe('1');
    expect($('#comments').attr('data-last-page')).toBe('0');
    // The live stream starts after the newest comment, wherever its page is.
    expect(Number($('section.discussion').attr('data-last-id'))).toBe(Math.max(...roots, ...Object.values(replies).flat()));
  });

  it('shows the rest on page 3, replies with their thread, and a link back', async () => {
    const $ = await page(`${path}?page=3`);
    expect(threadIds($)).toEqual(roots.slice(100));
    const root = roots[110] ?? 0;
    expect($(`#comment-${root} li.comment`).map((_, el) => Number($(el).attr('data-id'))).get()).toEqual(replies[root]);
    expect($('nav.comment-pages a[rel=prev]').attr('href')).toBe('?page=2#comments');
    expect($('nav.comment-pages a[rel=prev]').text()).toBe('Commentaires précédents');
    expect($('nav.comment-pages a[rel=next]')).toHaveLength(0);
    expect($('#comments').attr('data-last-page')).toBe('1');
    expect($('.comment-count').text()).toBe('126 commentaires');
    const middle = await page(`${path}?page=2`);
    expect(threadIds(middle)).toEqual(roots.slice(50, 100));
    expect(middle(`#comment-${roots[50]} li.comment`)).toHaveLength(2);
  });

  it('pages each order, with links that keep the order and leave the defaults out', async () => {
    const $ = await page(`${path}?sort=newest`);
    expect(threadIds($)).toEqual([...roots].reverse().slice(0, 50));
    expect($('nav.comment-pages a[rel=next]').attr('href')).toBe('?sort=newest&page=2#comments');
    const second = await page(`${path}?sort=newest&page=2`);
    expect(threadIds(second)).toEqual([...roots].reverse().slice(50, 100));
    expect(second('nav.comment-pages a[rel=prev]').attr('href')).toBe('?sort=newest#comments');
    expect(second('#comments').attr('data-sort')).toBe('newest');
    // The sort links lead to the first page of each order.
    expect(second('nav.comment-sort a').first().attr('href')).toBe('?#comments');
  });

  it('serves page 1 for a malformed page, and a 404 in the reader’s language past the last one', async () => {
    const canonical = (await get(path)).body;
    for (const q of ['?page=abc', '?page=0', '?page=-2', '?page=1', '?page=2.5']) {
      const res = await get(path + q);
      expect(res.statusCode, q).toBe(200);
      expect(res.body, q).toBe(canonical);
    }
    for (const q of ['?page=4', '?sort=top&page=99', '?page=999999']) {
      const res = await t.app.inject({ method: 'GET', url: path + q, headers: { accept: 'text/html' } });
      expect(res.statusCode, q).toBe(404);
      expect(res.body).toContain('Page introuvable.');
      expect(res.headers['cache-control']).not.toContain('public');
    }
  });

  it('sends the no-JS reply link, like, report and post to the page holding the thread', async () => {
    const reply = roots[110] ?? 0;
    const third = await page(`${path}?page=3`);
    const href = third(`#comment-${reply} > .reply-link`).attr('href') ?? '';
    expect(href).toBe(`?replyTo=${reply}#comment-form`);
    const answering = await page(`${path}${href.split('#')[0]}`);
    expect(threadIds(answering)).toEqual(roots.slice(100));
    expect(answering('#comment-form input[name=parentId]').attr('value')).toBe(String(reply));
    // A reply deep in a thread of page 2.
    const deep = replies[roots[50] ?? 0]?.[1] ?? 0;
    expect(threadIds(await page(`${path}?replyTo=${deep}`))).toEqual(roots.slice(50, 100));

    const reader = nextAddress();
    const like = await t.app.inject({ method: 'POST', url: `/comments/${reply}/like`, remoteAddress: reader, headers: FORM, payload: 'like=1' });
    expect(like.statusCode, like.body).toBe(303);
    const liked = cheerio.load((await t.app.inject({ method: 'GET', url: String(like.headers.location).split('#')[0] ?? '', remoteAddress: reader })).body);
    expect(liked(`#comment-${reply} > .like-button`).attr('aria-pressed')).toBe('true');
    expect(threadIds(liked)).toEqual(roots.slice(100));

    const report = await t.app.inject({ method: 'POST', url: `/comments/${deep}/report`, remoteAddress: nextAddress(), headers: FORM, payload: '' });
    expect(report.statusCode, report.body).toBe(303);
    const reported = await page(String(report.headers.location).split('#')[0] ?? '');
    expect(reported('.report-done').attr('hidden')).toBeUndefined();
    expect(reported(`#comment-${deep}`)).toHaveLength(1);

    // Posted without JavaScript: back on the last page, where the new thread is.
    const $ = await page(path);
    const values: Record<string, string> = {};
    $('#comment-form input[type=hidden]').each((_, el) => {
      values[$(el).attr('name') ?? ''] = $(el).attr('value') ?? '';
    });
    clock.advance(60_000);
    const posted = await t.app.inject({
      method: 'POST',
      url: $('#comment-form').attr('action') ?? '',
      remoteAddress: nextAddress(),
      headers: FORM,
      payload: new URLSearchParams({ ...values, name: 'Khady', email: 'khady@example.test', body: 'Chez nous aussi, la digue a cédé ce matin.' }).toString(),
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const id = Number(/#comment-(\d+)$/.exec(String(posted.headers.location))?.[1]);
    const back = await page(String(posted.headers.location).split('#')[0] ?? '');
    expect(back('.comment-form-section .notice-ok').text()).toBe('Merci ! Votre commentaire est publié.');
    expect(threadIds(back)).toEqual([...roots.slice(100), id]);
    roots.push(id);
  });

  it('drops a cached page of the discussion when a comment changes it', async () => {
    const before = await page(`${path}?page=2`);
    expect(before(`#comment-${roots[60]} li.comment`)).toHaveLength(0);
    const reply = await post('Une réponse arrivée après coup.', roots[60]);
    const after = await page(`${path}?page=2`);
    expect(after(`#comment-${roots[60]} li.comment`).map((_, el) => Number(after(el).attr('data-id'))).get()).toEqual([reply]);
  });

  it('reads a page’s rows by id: only this article’s comments that are still published', async () => {
    const other = await createArticle(t, editor.auth, { title: 'Une autre dépêche' });
    const elsewhere = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${other.id}/comments`, headers: editor.auth, payload: { body: 'Sur une autre page.' } });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const rejected = await post('Un témoignage retiré ensuite.');
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${rejected}/moderation`, headers: editor.auth, payload: { action: 'reject' } });
    expect(decided.json().status, decided.body).toBe('rejected');
    const first = roots[0] ?? 0;
    const rows = await listPublishedByIds(t.deps.db, article.id, [first, elsewhere.json().id, rejected, 999_999]);
    expect(rows.map((r) => [r.id, r.body])).toEqual([[first, 'Témoignage numéro 1 : l’eau monte encore dans notre quartier.']]);
  });
});

describe.each(DIALECTS)('the embedded discussion in pages on %s', (engine) => {
  let t: TestApp;
  let article: ArticleJson;
  const roots: number[] = [];
  const embed = () => `/embed?url=${encodeURIComponent(article.url)}`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor', 'Awa Diallo');
    article = await createArticle(t, editor.auth, { title: 'Le marché inondé' });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 5 } });
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: editor.auth, payload: { body: `Nouvelle du marché numéro ${i + 1}.` } });
      roots.push(res.json().id as number);
    }
  }, 60_000);
  afterAll(async () => t?.close());

  it('pages its thread with links that stay in the embed, and lands the no-JS reply on the right page', async () => {
    const first = cheerio.load((await t.app.inject({ method: 'GET', url: embed() })).body);
    expect(threadIds(first)).toEqual(roots.slice(0, 5));
    const next = first('nav.comment-pages a[rel=next]').attr('href') ?? '';
    expect(next).toBe(`${embed()}&page=2#comments`);
    const last = cheerio.load((await t.app.inject({ method: 'GET', url: `${embed()}&page=3` })).body);
    expect(threadIds(last)).toEqual(roots.slice(10));
    expect(last('nav.comment-pages a[rel=prev]').attr('href')).toBe(`${embed()}&page=2#comments`);
    expect(last('.comment-count').text()).toBe('12 commentaires');
    const reply = last(`#comment-${roots[11]} > .reply-link`).attr('href') ?? '';
    const answering = cheerio.load((await t.app.inject({ method: 'GET', url: reply.split('#')[0] ?? '' })).body);
    expect(threadIds(answering)).toEqual(roots.slice(10));
    expect(answering('#comment-form input[name=parentId]').attr('value')).toBe(String(roots[11]));
    const newest = cheerio.load((await t.app.inject({ method: 'GET', url: `${embed()}&sort=newest&page=2` })).body);
    expect(threadIds(newest)).toEqual([...roots].reverse().slice(5, 10));
    expect(newest('nav.comment-pages a[rel=next]').attr('href')).toBe(`${embed()}&sort=newest&page=3#comments`);
  });

  it('brings a no-JS like and report from the embed back to the page holding the comment', async () => {
    const id = roots[11] ?? 0;
    const referer = `http://localhost:3000${embed()}&page=3`;
    const headers = { ...FORM, referer };
    const reader = nextAddress();
    // The shared actions form of the embed carries where to come back (its `return` field; the report reads the referer).
    const third = cheerio.load((await t.app.inject({ method: 'GET', url: `${embed()}&page=3` })).body);
    const returnTo = third('form#comment-actions input[name=return]').attr('value') ?? '';
    const like = await t.app.inject({ method: 'POST', url: `/comments/${id}/like`, remoteAddress: reader, headers, payload: new URLSearchParams({ like: '1', return: returnTo }).toString() });
    expect(like.statusCode, like.body).toBe(303);
    expect(String(like.headers.location)).toBe(`${embed()}&liked=${id}#comment-${id}`);
    const liked = cheerio.load((await t.app.inject({ method: 'GET', url: String(like.headers.location).split('#')[0] ?? '', remoteAddress: reader })).body);
    expect(threadIds(liked)).toEqual(roots.slice(10));
    expect(liked(`#comment-${id} > .like-button`).attr('aria-pressed')).toBe('true');
    const report = await t.app.inject({ method: 'POST', url: `/comments/${id}/report`, remoteAddress: nextAddress(), headers, payload: '' });
    expect(String(report.headers.location)).toBe(`${embed()}&reported=${id}#comment-${id}`);
    const back = await t.app.inject({ method: 'GET', url: String(report.headers.location).split('#')[0] ?? '' });
    expect(back.headers['content-security-policy']).toContain('frame-ancestors *');
    const reported = cheerio.load(back.body);
    expect(threadIds(reported)).toEqual(roots.slice(10));
    expect(reported('.report-done').attr('hidden')).toBeUndefined();
  });

  it('answers a page past the last one with the frame’s own 404, saying what is missing', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${embed()}&page=4` });
    expect(res.statusCode).toBe(404);
    const $ = cheerio.load(res.body);
    expect($('body').hasClass('embed')).toBe(true);
    expect($('p').text()).toBe('Cette page de la discussion n’existe pas ou plus.');
  });
});

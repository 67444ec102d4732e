import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIKES_ANNOUNCE_MS } from '../src/modules/comments/like.announcer';
import { purgeExpiredAddresses } from '../src/modules/privacy/privacy.service';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, pathOf, sessionFor } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';

type User = Awaited<ReturnType<typeof createUserWithToken>>;
const ORIGIN = 'http://localhost:3000';
let n = 0;
const nextAddress = () => `198.51.100.${(n++ % 250) + 1}`;

describe.each(DIALECTS)('likes and the edit window on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-03-08T10:00:00.000Z'));
  let editor: User;
  let reader: User;
  let other: User;

  /** A guest's comment: its id and the signed "own comments" cookie the answer set. */
  const guestPost = async (articleId: number, body: string, address = nextAddress()) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: address, payload: { body, name: 'Awa', email: `awa${n}@example.test`, token: readerToken(t, articleId) } });
    expect(res.statusCode, res.body).toBe(201);
    const own = res.cookies.find((c) => c.name === 'palabre_own');
    return { id: res.json().id as number, status: res.json().status as string, cookie: own ? `palabre_own=${own.value}` : '', address };
  };
  const like = (id: number, address: string, method: 'POST' | 'DELETE' = 'POST', headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/api/v1/comments/${id}/likes`, remoteAddress: address, headers });
  const edit = (id: number, payload: unknown, headers: Record<string, string>) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, remoteAddress: nextAddress(), headers, payload: payload as Record<string, unknown> });
  const publicBodies = async (articleId: number, sort = 'oldest') =>
    ((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${articleId}/comments?sort=${sort}` })).json().comments as { id: number; body: string; likes: number; editedAt: string | null }[]);

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor');
    reader = await createUserWithToken(t.deps, 'reader', 'Issa Koné');
    other = await createUserWithToken(t.deps, 'reader', 'Binta Diallo');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { floodSeconds: 0 } });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('counts one like per reader (account or address), takes it back, and sorts by likes', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Le prix du pain' });
    const first = await guestPost(a.id, 'Le pain a encore augmenté ce matin au marché.');
    const second = await guestPost(a.id, 'Chez nous aussi, deux cents francs de plus.');
    const x = nextAddress();
    expect((await like(second.id, x)).json()).toEqual({ likes: 1, liked: true });
    expect((await like(second.id, x)).json()).toEqual({ likes: 1, liked: true });
    expect((await like(second.id, nextAddress())).json()).toEqual({ likes: 2, liked: true });
    expect((await like(second.id, nextAddress(), 'POST', reader.auth)).json()).toEqual({ likes: 3, liked: true });
    // The same account from another address is still the same reader.
    expect((await like(second.id, nextAddress(), 'POST', reader.auth)).json()).toEqual({ likes: 3, liked: true });
    expect((await like(second.id, x, 'DELETE')).json()).toEqual({ likes: 2, liked: false });
    expect((await like(second.id, x, 'DELETE')).json()).toEqual({ likes: 2, liked: false });
    expect((await like(first.id, x)).json()).toEqual({ likes: 1, liked: true });
    const rows = await t.deps.db.selectFrom('comment_likes').select(['comment_id', 'liker']).where('comment_id', 'in', [first.id, second.id]).execute();
    expect(rows.filter((r) => r.comment_id === second.id)).toHaveLength(2);
    expect(rows.every((r) => /^(user:\d+|address:[\w-]{32})$/.test(r.liker))).toBe(true);
    expect(rows.some((r) => r.liker.includes('198.51.100'))).toBe(false);
    const top = await publicBodies(a.id, 'top');
    expect(top.map((c) => [c.id, c.likes])).toEqual([
      [second.id, 2],
      [first.id, 1],
    ]);
    expect((await publicBodies(a.id, 'oldest')).map((c) => c.id)).toEqual([first.id, second.id]);
    // The reader's own state: what they liked, and live counts.
    const state = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/reader`, remoteAddress: x })).json();
    expect(state.liked).toEqual([first.id]);
    expect(state.likes).toEqual({ [first.id]: 1, [second.id]: 2 });
  });

  it('answers 404 for unknown and held comments, 400 for a bad id', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Un sujet sensible' });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { holdWords: ['arnaque'] } });
    const held = await guestPost(a.id, 'Tout cela est une arnaque organisée.');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { holdWords: [] } });
    expect(held.status).toBe('pending');
    const r = await like(held.id, nextAddress());
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toBe('not_found');
    expect((await like(99_999_999, nextAddress())).statusCode).toBe(404);
    expect((await like(held.id, nextAddress(), 'DELETE')).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/comments/abc/likes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('id');
  });

  it('the no-JS like button: same-origin form post, back to the comment with the like shown; cross-site refused; rate-limited', async () => {
    const a = await createArticle(t, editor.auth, { title: 'La saison des pluies' });
    const c = await guestPost(a.id, 'Les pluies arrivent tôt cette année dans le Sahel.');
    const page = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).body);
    const button = page(`#comment-${c.id} > button.like-button`);
    expect(button.attr('aria-pressed')).toBe('false');
    expect(button.text()).toBe('J’aime 0');
    expect(button.attr('formaction')).toBe(`/comments/${c.id}/like`);
    expect(page(`form#${button.attr('form') ?? ''}[method=post]`)).toHaveLength(1);
    const address = nextAddress();
    const form = (origin: string, like = '1') =>
      t.app.inject({ method: 'POST', url: `/comments/${c.id}/like`, remoteAddress: address, headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, payload: `like=${like}` });
    const crossSite = await form('https://evil.example');
    expect(crossSite.statusCode).toBe(403);
    expect((await like(c.id, nextAddress())).json().likes).toBe(1);
    const ok = await form(ORIGIN);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${pathOf(a.url)}?liked=${c.id}#comment-${c.id}`);
    const back = await t.app.inject({ method: 'GET', url: ok.headers.location as string, remoteAddress: address });
    expect(back.headers['cache-control']).toContain('no-store');
    const $ = cheerio.load(back.body);
    expect($(`#comment-${c.id} .like-button`).attr('aria-pressed')).toBe('true');
    expect($(`#comment-${c.id} .like-button`).text()).toBe('J’aime 2');
    expect($(`#comment-${c.id} .like-button`).attr('value')).toBe('0');
    const undo = await form(ORIGIN, '0');
    expect(undo.statusCode).toBe(303);
    expect((await like(c.id, address, 'DELETE')).json()).toEqual({ likes: 1, liked: false });
    // From the embed it comes back into the embed; any other return is ignored (no open redirect).
    const viaEmbed = (value: string) =>
      t.app.inject({ method: 'POST', url: `/comments/${c.id}/like`, remoteAddress: nextAddress(), headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload: `like=1&return=${encodeURIComponent(value)}` });
    const embedPath = `/embed?url=${encodeURIComponent(a.url)}`;
    expect((await viaEmbed(embedPath)).headers.location).toBe(`${embedPath}&liked=${c.id}#comment-${c.id}`);
    expect((await viaEmbed('https://evil.example/embed?url=x')).headers.location).toBe(`${pathOf(a.url)}?liked=${c.id}#comment-${c.id}`);

    // 20 a minute per address and route, like reports.
    const spammer = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await like(c.id, spammer)).statusCode);
    expect(codes.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });

  it('the article page offers the four orders (picks included), caches each, and orders threads by likes', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Le match de dimanche' });
    const one = await guestPost(a.id, 'Quel match, les Aigles ont bien joué.');
    const two = await guestPost(a.id, 'L’arbitre a sifflé un penalty imaginaire.');
    const three = await guestPost(a.id, 'Vivement le match retour à Bamako.');
    for (let i = 0; i < 2; i++) await like(three.id, nextAddress());
    await like(two.id, nextAddress());
    const path = pathOf(a.url);
    const order = (html: string) => cheerio.load(html)('#comments > li').map((_, el) => Number(cheerio.load(el)('li').attr('data-id'))).get();
    const base = await t.app.inject({ method: 'GET', url: path });
    const $ = cheerio.load(base.body);
    const links = $('nav.comment-sort a');
    expect(links.map((_, el) => $(el).text()).get()).toEqual(['Plus anciens', 'Plus récents', 'Les plus aimés', 'Sélection de la rédaction']);
    expect($('nav.comment-sort a[aria-current=page]').text()).toBe('Plus anciens');
    expect(order(base.body)).toEqual([one.id, two.id, three.id]);
    const top = await t.app.inject({ method: 'GET', url: `${path}?sort=top` });
    expect(order(top.body)).toEqual([three.id, two.id, one.id]);
    expect(cheerio.load(top.body)('nav.comment-sort a[aria-current=page]').text()).toBe('Les plus aimés');
    expect(order((await t.app.inject({ method: 'GET', url: `${path}?sort=newest` })).body)).toEqual([three.id, two.id, one.id].sort((x, y) => y - x));
    // Each order is its own cached page; a comment drops them all.
    expect(t.deps.cache.get(`${path}?sort=top`)).toBeDefined();
    expect(t.deps.cache.get(path)).toBeDefined();
    await guestPost(a.id, 'Et le gardien, quelle parade en fin de match.');
    expect(t.deps.cache.get(`${path}?sort=top`)).toBeUndefined();
    expect(t.deps.cache.get(path)).toBeUndefined();
  });

  it('announces like counts on the live stream, coalesced', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Les résultats du bac' });
    const c = await guestPost(a.id, 'Félicitations à tous les bacheliers de cette année.');
    const messages: string[] = [];
    const unsubscribe = await t.deps.pubsub.subscribe(`article:${a.id}`, (m) => messages.push(m));
    for (let i = 0; i < 5; i++) await like(c.id, nextAddress());
    // Until the first announcement, however long a busy machine takes: it must carry all five likes at once.
    await expect.poll(() => messages.some((m) => (JSON.parse(m) as { event?: string }).event === 'likes'), { timeout: LIKES_ANNOUNCE_MS + 5000 }).toBe(true);
    unsubscribe();
    const likes = messages.map((m) => JSON.parse(m) as { event?: string; likes?: Record<string, number> }).filter((m) => m.event === 'likes');
    expect(likes).toHaveLength(1);
    expect(likes[0]?.likes).toEqual({ [c.id]: 5 });
  });

  it('lets a guest edit their comment within the window, by the signed cookie only; keeps the former text; marks it edited', async () => {
    const a = await createArticle(t, editor.auth, { title: 'La route de Ségou' });
    const mine = await guestPost(a.id, 'La route est coupee depuis lundi.');
    const theirs = await guestPost(a.id, 'Les travaux avancent lentement.');
    expect(mine.cookie).toMatch(/^palabre_own=/);
    const headers = { cookie: mine.cookie, origin: ORIGIN };
    const state = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/reader`, headers: { cookie: mine.cookie } })).json();
    expect(state.editable.map((e: { id: number }) => e.id)).toEqual([mine.id]);
    expect(state.editable[0].until).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
    // Someone else's comment, no cookie, a forged cookie, another site.
    expect((await edit(theirs.id, { body: 'Réécrit par un autre.' }, headers)).statusCode).toBe(403);
    expect((await edit(mine.id, { body: 'Réécrit sans cookie.' }, { origin: ORIGIN })).statusCode).toBe(403);
    const forged = `palabre_own=${encodeURIComponent(`${mine.id}.${theirs.id}.forged`)}`;
    expect((await edit(theirs.id, { body: 'Réécrit avec un faux cookie.' }, { cookie: forged, origin: ORIGIN })).statusCode).toBe(403);
    expect((await edit(mine.id, { body: 'Réécrit depuis ailleurs.' }, { cookie: mine.cookie, origin: 'https://evil.example' })).statusCode).toBe(403);
    // Bad input names the body.
    for (const payload of [{}, { body: 42 }, { body: ' ' }, { body: 'x'.repeat(5001) }]) {
      const bad = await edit(mine.id, payload, headers);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().field).toBe('body');
    }
    clock.advance(10 * 60_000);
    const ok = await edit(mine.id, { body: 'La route est coupée depuis lundi, à cause des pluies.' }, headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: mine.id, status: 'published', editedAt: clock.now().toISOString() });
    const listed = (await publicBodies(a.id)).find((c) => c.id === mine.id);
    expect(listed?.body).toBe('La route est coupée depuis lundi, à cause des pluies.');
    expect(listed?.editedAt).toBe(clock.now().toISOString());
    const edits = await t.deps.db.selectFrom('comment_edits').select(['body', 'status']).where('comment_id', '=', mine.id).execute();
    expect(edits).toEqual([{ body: 'La route est coupee depuis lundi.', status: 'published' }]);
    // Moderators read the former texts; nobody else does.
    const forMods = await t.app.inject({ method: 'GET', url: `/api/v1/comments/${mine.id}/edits`, headers: editor.auth });
    expect(forMods.json().edits).toMatchObject([{ body: 'La route est coupee depuis lundi.', status: 'published', editedAt: clock.now().toISOString() }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/comments/${mine.id}/edits`, headers: reader.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/comments/${mine.id}/edits` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/comments/99999999/edits', headers: editor.auth })).statusCode).toBe(404);
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).body);
    expect($(`#comment-${mine.id} .comment-body`).text()).toContain('à cause des pluies');
    expect($(`#comment-${mine.id} .comment-edited`).text()).toContain('modifié');
    expect($(`#comment-${theirs.id} .comment-edited`).length).toBe(0);
    // After the window: closed, and no longer offered.
    clock.advance(6 * 60_000);
    const late = await edit(mine.id, { body: 'Trop tard pour changer.' }, headers);
    expect(late.statusCode).toBe(403);
    expect(late.json().error).toBe('edit_window_closed');
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/reader`, headers: { cookie: mine.cookie } })).json();
    expect(after.editable).toEqual([]);
  });

  it('lets an account edit its own comment only, and never when the window is 0', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Le festival sur le Niger' });
    const posted = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: reader.auth, payload: { body: 'Le festival revient enfin cette année.' } });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json().id as number;
    expect((await edit(id, { body: 'Réécrit par une autre lectrice.' }, other.auth)).statusCode).toBe(403);
    expect((await edit(id, { body: 'Réécrit par un anonyme.' }, { origin: ORIGIN })).statusCode).toBe(403);
    const ok = await edit(id, { body: 'Le festival revient enfin cette année, en février.' }, reader.auth);
    expect(ok.statusCode, ok.body).toBe(200);
    const state = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/reader`, headers: reader.auth })).json();
    expect(state.editable.map((e: { id: number }) => e.id)).toEqual([id]);
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { editWindowMinutes: 0 } });
    const never = await edit(id, { body: 'Le festival revient, en mars finalement.' }, reader.auth);
    expect(never.statusCode).toBe(403);
    expect(never.json().error).toBe('edit_window_closed');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/reader`, headers: reader.auth })).json().editable).toEqual([]);
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { editWindowMinutes: 15 } });
    expect((await edit(99_999_999, { body: 'Personne.' }, reader.auth)).statusCode).toBe(404);
  });

  it('sends an edit to abusive text back to moderation: pending with its reasons, gone from the public thread, still shown to its author', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Le débat à l’Assemblée' });
    const c = await guestPost(a.id, 'Le débat était intéressant hier soir.');
    const path = pathOf(a.url);
    await t.app.inject({ method: 'GET', url: path });
    expect(t.deps.cache.get(path)).toBeDefined();
    const headers = { cookie: c.cookie, origin: ORIGIN };
    const res = await edit(c.id, { body: 'Espèce de connard, ferme ta gueule, sale ordure, tu devrais crever.' }, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('pending');
    expect(res.json().reasons.length).toBeGreaterThan(0);
    expect(t.deps.cache.get(path)).toBeUndefined();
    expect((await publicBodies(a.id)).map((x) => x.id)).not.toContain(c.id);
    const page = (await t.app.inject({ method: 'GET', url: path })).body;
    expect(page).not.toContain('connard');
    expect(page).not.toContain('Le débat était intéressant');
    const row = await t.deps.db.selectFrom('comments').select(['status', 'reasons']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.reasons).map((r: { code: string }) => r.code)).toContain('edited');
    const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?status=pending', headers: editor.auth })).json();
    const queued = queue.comments.find((x: { id: number }) => x.id === c.id);
    expect(queued.reasons.map((r: { text: string }) => r.text)).toContain('Modifié par son auteur après publication');
    const kept = await t.deps.db.selectFrom('comment_edits').select('body').where('comment_id', '=', c.id).execute();
    expect(kept.map((k) => k.body)).toEqual(['Le débat était intéressant hier soir.']);
    // A hold word gives exactly pending, and the author sees it as theirs.
    const d = await guestPost(a.id, 'Bonne analyse des députés.');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { holdWords: ['pot-de-vin'] } });
    const held = await edit(d.id, { body: 'Bonne analyse, mais et le pot-de-vin ?' }, { cookie: d.cookie, origin: ORIGIN });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { holdWords: [] } });
    expect(held.json()).toMatchObject({ status: 'pending', reasons: [{ code: 'hold_word', detail: 'pot-de-vin' }] });
    const pending = held.cookies.find((x) => x.name === 'palabre_pending');
    expect(pending).toBeDefined();
    const mineList = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/mine`, headers: { cookie: `palabre_pending=${pending?.value}` } })).json();
    expect(mineList.comments.map((x: { id: number; body: string }) => [x.id, x.body])).toEqual([[d.id, 'Bonne analyse, mais et le pot-de-vin ?']]);
    expect((await like(d.id, nextAddress())).statusCode).toBe(404);
    expect((await edit(d.id, { body: 'Je retire le pot-de-vin.' }, { cookie: d.cookie, origin: ORIGIN })).statusCode).toBe(404);
  });

  it('erasure takes a reader’s likes and former texts; address retention forgets guests’ likes, counts stay', async () => {
    const a = await createArticle(t, editor.auth, { title: 'La rentrée scolaire' });
    const leaver = await createUserWithToken(t.deps, 'reader', 'Kadi Sow');
    const liked = await guestPost(a.id, 'Les fournitures coûtent cher cette année.');
    const own = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: leaver.auth, payload: { body: 'Les classes sont trop chargées.' } });
    const ownId = own.json().id as number;
    expect((await edit(ownId, { body: 'Les classes sont bien trop chargées.' }, leaver.auth)).statusCode).toBe(200);
    await like(liked.id, nextAddress(), 'POST', leaver.auth);
    const guestAddress = nextAddress();
    expect((await like(liked.id, guestAddress)).json().likes).toBe(2);
    const s = await sessionFor(t.deps, leaver.id);
    const erased = await t.app.inject({ method: 'POST', url: '/account/erase', headers: s.headers, payload: { mode: 'remove', confirm: '1', _csrf: s.csrf } });
    expect(erased.statusCode).toBe(303);
    expect(await t.deps.db.selectFrom('comment_edits').select('id').where('comment_id', '=', ownId).execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('comment_likes').select('liker').where('liker', '=', `user:${leaver.id}`).execute()).toEqual([]);
    expect((await publicBodies(a.id)).find((c) => c.id === liked.id)?.likes).toBe(1);
    clock.advance(91 * 86_400_000);
    await purgeExpiredAddresses(t.deps);
    expect(await t.deps.db.selectFrom('comment_likes').select('liker').where('comment_id', '=', liked.id).execute()).toEqual([]);
    expect((await publicBodies(a.id)).find((c) => c.id === liked.id)?.likes).toBe(1);
  });

  it('announces an edit that stays public on the live stream', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Le marché de Médine' });
    const c = await guestPost(a.id, 'Le marché est plein ce samedi.');
    const messages: string[] = [];
    const unsubscribe = await t.deps.pubsub.subscribe(`article:${a.id}`, (m) => messages.push(m));
    const res = await edit(c.id, { body: 'Le marché est plein ce samedi matin.' }, { cookie: c.cookie, origin: ORIGIN });
    expect(res.statusCode, res.body).toBe(200);
    unsubscribe();
    const edited = messages.map((m) => JSON.parse(m) as { event?: string; id: number; html: string; editedAt: string }).find((m) => m.event === 'comment-edited');
    expect(edited).toMatchObject({ id: c.id, editedAt: clock.now().toISOString() });
    expect(edited?.html).toContain('samedi matin');
  });
});

describe.each(DIALECTS)('likes and edits in English on %s', (engine) => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('names the like button, the orders and the edited mark in English', async () => {
    t = await createTestApp(engine, { env: { PALABRE_LOCALE: 'en' } });
    const editor = await createUserWithToken(t.deps, 'editor');
    const a = await createArticle(t, editor.auth, { title: 'Rainy season' });
    const ids: number[] = [];
    for (const body of ['The rains came early this year.', 'Same here, since Monday.']) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: editor.auth, payload: { body } });
      ids.push(res.json().id);
    }
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/comments/${ids[0]}`, headers: editor.auth, payload: { body: 'The rains came very early this year.' } });
    expect(edited.statusCode, edited.body).toBe(200);
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).body);
    expect($('nav.comment-sort a').map((_, el) => $(el).text()).get()).toEqual(['Oldest', 'Newest', 'Most liked', 'Editors’ picks']);
    expect($('nav.comment-sort').attr('aria-label')).toBe('Sort comments');
    expect($(`#comment-${ids[0]} .like-button`).text()).toMatch(/^Like \d+$/);
    expect($(`#comment-${ids[0]} .comment-edited`).text()).toContain('edited');
    expect($('#comments').attr('data-edit-label')).toBe('Edit');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestToken, purgeExpiredAddresses, type PersonalData } from '../../src/modules/privacy/privacy.service';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, sessionFor, type ArticleJson } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';
import { readerToken } from '../support/guest-comment';

type User = Awaited<ReturnType<typeof createUserWithToken>>;
const ORIGIN = 'http://localhost:3000';
let n = 0;
const nextAddress = () => `203.0.113.${(n++ % 250) + 1}`;

describe.each(DIALECTS)('a reader’s likes and former texts in their data, and their erasure, on %s', (engine) => {
  let t: TestApp;
  let editor: User;
  let market: ArticleJson;
  let school: ArticleJson;
  const clock = fakeClock(new Date('2026-05-04T08:00:00.000Z'));

  /** A comment by an account (token) or a guest (name and email); the guest's own-comments cookie with it. */
  async function post(article: ArticleJson, body: string, who: { auth: Record<string, string> } | { email: string }) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: nextAddress(),
      headers: 'auth' in who ? who.auth : {},
      payload: 'auth' in who ? { body } : { body, name: 'Awa Invitée', email: who.email, token: readerToken(t, article.id) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const own = res.cookies.find((c) => c.name === 'palabre_own');
    return { id: res.json().id as number, cookie: own ? `palabre_own=${own.value}` : '' };
  }
  async function edit(id: number, body: string, headers: Record<string, string>): Promise<string> {
    clock.advance(60_000);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, remoteAddress: nextAddress(), headers, payload: { body } });
    expect(res.statusCode, res.body).toBe(200);
    return clock.now().toISOString();
  }
  async function like(id: number, headers: Record<string, string> = {}, method: 'POST' | 'DELETE' = 'POST'): Promise<number> {
    clock.advance(1000);
    const res = await t.app.inject({ method, url: `/api/v1/comments/${id}/likes`, remoteAddress: nextAddress(), headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().likes as number;
  }
  const count = async (id: number) => Number((await t.deps.db.selectFrom('comments').select('likes').where('id', '=', id).executeTakeFirstOrThrow()).likes);
  const formerTexts = async (id: number) => (await t.deps.db.selectFrom('comment_edits').select('body').where('comment_id', '=', id).orderBy('id').execute()).map((r) => r.body);
  const likesOf = async (liker: string) => t.deps.db.selectFrom('comment_likes').select('comment_id').where('liker', '=', liker).execute();

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { floodSeconds: 0 } });
    market = await createArticle(t, editor.auth, { title: 'Le marché de Sandaga' });
    school = await createArticle(t, editor.auth, { title: 'La rentrée des classes' });
  });
  afterAll(async () => t?.close());

  it('lists the account’s likes and each comment’s former texts in the download, and nothing of other people', async () => {
    const reader = await createUserWithToken(t.deps, 'reader', 'Nafi Diop');
    const other = await createUserWithToken(t.deps, 'reader', 'Binta Sarr');
    const onMarket = await post(market, 'Les étals de tissus sont revenus, texte d’un voisin.', { email: 'voisin@example.test' });
    const onSchool = await post(school, 'Les fournitures coûtent cher, avis d’une voisine.', { email: 'voisine@example.test' });
    const taken = await post(school, 'Un avis que Nafi aimera puis n’aimera plus.', { email: 'troisieme@example.test' });
    const own = await post(market, 'Premier jet de Nafi sur le marché.', reader);
    const firstEdit = await edit(own.id, 'Deuxième version de Nafi sur le marché.', reader.auth);
    const secondEdit = await edit(own.id, 'Version finale de Nafi sur le marché.', reader.auth);
    await like(onSchool.id, reader.auth);
    await like(onMarket.id, reader.auth);
    await like(taken.id, reader.auth);
    await like(taken.id, reader.auth, 'DELETE');
    await like(onMarket.id, other.auth);

    const s = await sessionFor(t.deps, reader.id);
    const res = await t.app.inject({ method: 'GET', url: '/account/data.json', headers: s.headers });
    expect(res.statusCode).toBe(200);
    const data = res.json<PersonalData>();
    expect(data.likes).toEqual([
      { commentId: onSchool.id, articleId: school.id, articleTitle: 'La rentrée des classes', articleUrl: school.url, likedAt: expect.any(String) },
      { commentId: onMarket.id, articleId: market.id, articleTitle: 'Le marché de Sandaga', articleUrl: market.url, likedAt: expect.any(String) },
    ]);
    expect(new Date(data.likes[0]?.likedAt ?? '').getTime()).toBeLessThan(new Date(data.likes[1]?.likedAt ?? '').getTime());
    const mine = data.comments.find((c) => c.id === own.id);
    expect(mine).toMatchObject({ body: 'Version finale de Nafi sur le marché.', editedAt: secondEdit });
    expect(mine?.edits).toEqual([
      { body: 'Premier jet de Nafi sur le marché.', status: 'published', reasons: [], editedAt: firstEdit },
      // The second text was itself an edit: its reasons say so.
      { body: 'Deuxième version de Nafi sur le marché.', status: 'published', reasons: [{ code: 'edited' }], editedAt: secondEdit },
    ]);
    // Other people's comments and likes stay out of it.
    const text = JSON.stringify(data);
    for (const foreign of ['texte d’un voisin', 'avis d’une voisine', 'Binta', `user:${other.id}`]) expect(text).not.toContain(foreign);
    // The other reader's download: their like only, no former text of Nafi's.
    const theirs = (await t.app.inject({ method: 'GET', url: '/account/data.json', headers: (await sessionFor(t.deps, other.id)).headers })).json<PersonalData>();
    expect(theirs.likes.map((l) => l.commentId)).toEqual([onMarket.id]);
    expect(JSON.stringify(theirs)).not.toContain('Premier jet');
  });

  it('erasure by anonymization takes the account’s likes (counts down) and keeps the former texts with the nameless comment', async () => {
    const reader = await createUserWithToken(t.deps, 'reader', 'Moussa Fall');
    const liked = await post(school, 'La cantine rouvre lundi.', { email: 'cantine@example.test' });
    const own = await post(school, 'Moussa : la classe de CM2 a trente élèves.', reader);
    await edit(own.id, 'Moussa : la classe de CM2 a quarante élèves.', reader.auth);
    await like(liked.id, reader.auth);
    expect(await like(liked.id)).toBe(2);
    const s = await sessionFor(t.deps, reader.id);
    const erased = await t.app.inject({ method: 'POST', url: '/account/erase', headers: s.headers, payload: { mode: 'anonymize', confirm: '1', _csrf: s.csrf } });
    expect(erased.statusCode, erased.body).toBe(303);
    expect(await likesOf(`user:${reader.id}`)).toEqual([]);
    expect(await count(liked.id)).toBe(1);
    expect(await formerTexts(own.id)).toEqual(['Moussa : la classe de CM2 a trente élèves.']);
    const row = await t.deps.db.selectFrom('comments').select(['author_name', 'user_id', 'status']).where('id', '=', own.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ author_name: 'Anonyme', user_id: null, status: 'published' });
    const edits = await t.app.inject({ method: 'GET', url: `/api/v1/comments/${own.id}/edits`, headers: editor.auth });
    expect(edits.json().edits.map((e: { body: string }) => e.body)).toEqual(['Moussa : la classe de CM2 a trente élèves.']);
    expect(edits.body).not.toContain('Moussa Fall');
  });

  it('erasure by removal takes the account’s likes and the former texts of its comments', async () => {
    const reader = await createUserWithToken(t.deps, 'reader', 'Aïda Ndiaye');
    const liked = await post(market, 'Le poisson arrive à six heures.', { email: 'poisson@example.test' });
    const own = await post(market, 'Aïda : les mangues sont à cinq cents francs.', reader);
    await edit(own.id, 'Aïda : les mangues sont à six cents francs.', reader.auth);
    expect(await like(liked.id, reader.auth)).toBe(1);
    const s = await sessionFor(t.deps, reader.id);
    const erased = await t.app.inject({ method: 'POST', url: '/account/erase', headers: s.headers, payload: { mode: 'remove', confirm: '1', _csrf: s.csrf } });
    expect(erased.statusCode, erased.body).toBe(303);
    expect(await likesOf(`user:${reader.id}`)).toEqual([]);
    expect(await count(liked.id)).toBe(0);
    expect(await formerTexts(own.id)).toEqual([]);
    const edits = await t.app.inject({ method: 'GET', url: `/api/v1/comments/${own.id}/edits`, headers: editor.auth });
    expect(edits.json()).toEqual({ edits: [] });
  });

  it('gives a guest their former texts and no likes (tied to no email); removal drops the texts, address retention the likes', async () => {
    const email = 'awa.invitee@example.test';
    const liked = await post(market, 'Les prix du riz ont baissé.', { email: 'riz@example.test' });
    const own = await post(market, 'Awa : le marché ferme à dix-neuf heures.', { email });
    const editedAt = await edit(own.id, 'Awa : le marché ferme à vingt heures.', { cookie: own.cookie, origin: ORIGIN });
    const guestAddress = nextAddress();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${liked.id}/likes`, remoteAddress: guestAddress });
    expect(res.json()).toEqual({ likes: 1, liked: true });

    const path = `/privacy/guest/${guestToken(t.deps, email)}`;
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('leurs textes d’avant vos modifications');
    const data = (await t.app.inject({ method: 'GET', url: `${path}/data.json` })).json<PersonalData>();
    expect(data.account).toBeNull();
    expect(data.likes).toEqual([]);
    expect(data.comments.map((c) => [c.id, c.body, c.editedAt])).toEqual([[own.id, 'Awa : le marché ferme à vingt heures.', editedAt]]);
    expect(data.comments[0]?.edits).toEqual([{ body: 'Awa : le marché ferme à dix-neuf heures.', status: 'published', reasons: [], editedAt }]);

    const erased = await t.app.inject({ method: 'POST', url: `${path}/erase`, headers: { origin: ORIGIN }, payload: { mode: 'remove', confirm: '1' } });
    expect(erased.statusCode, erased.body).toBe(303);
    expect(await formerTexts(own.id)).toEqual([]);
    // The like is the address's, not the email's: it loses its address hash with retention, the count stays.
    clock.advance(91 * 86_400_000);
    await purgeExpiredAddresses(t.deps);
    expect(await t.deps.db.selectFrom('comment_likes').select('liker').where('comment_id', '=', liked.id).execute()).toEqual([]);
    expect(await count(liked.id)).toBe(1);
  });
});

describe('a reader’s data page in English names likes and former texts', () => {
  it('says what the download holds', async () => {
    const t = await createTestApp(DIALECTS[0] ?? 'sqlite', { env: { PALABRE_LOCALE: 'en' } });
    try {
      const reader = await createUserWithToken(t.deps, 'reader');
      const s = await sessionFor(t.deps, reader.id);
      const page = await t.app.inject({ method: 'GET', url: '/privacy', headers: s.headers });
      expect(page.body).toContain('(and their texts before your edits) and the comments you liked');
      const guest = await t.app.inject({ method: 'GET', url: `/privacy/guest/${guestToken(t.deps, 'someone@example.test')}` });
      expect(guest.body).toContain('whatever their status, and their texts before your edits');
    } finally {
      await t.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken, pathOf } from '../../../test/support/factories';
import { createTestApp, fakeClock, type TestApp } from '../../../test/support/test-app';
import { issueFormToken } from './form-token';
import { readerToken } from '../../../test/support/guest-comment';

const seedPath = join(import.meta.dirname, '../../../test/fixtures/seed-mali-russia.txt');
const seedComments = readFileSync(seedPath, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).slice(6, 11);

type Posted = { id: number; status: string; reasons: { code: string; detail?: string }[] };
let address = 0;
/** A distinct client address per post, so the flood check does not interfere unless a test wants it. */
const nextAddress = () => `198.51.100.${(address++ % 250) + 1}`;

describe.each(DIALECTS)('moderation pipeline on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;
  const clock = fakeClock();

  const post = async (body: string, extra: Record<string, unknown> = {}, remoteAddress = nextAddress(), articleId = article.id) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${articleId}/comments`,
      remoteAddress,
      payload: { body, name: 'Awa', email: `awa${address}@example.test`, token: readerToken(t, articleId), ...extra },
    });
    return res;
  };
  const statusOf = async (res: Promise<Awaited<ReturnType<typeof post>>> | Awaited<ReturnType<typeof post>>) => {
    const r = await res;
    return `${r.json<Posted>().status} ${r.body}`;
  };
  const setSettings = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor');
    article = await createArticle(t, editor.auth, { title: 'Visite discrète en Russie', publishAt: '2026-03-01T09:00:00.000Z' });
    // These tests post many held comments on one article: the per-story rules (test/moderation/auto-rules.test.ts)
    // would switch it to pre-moderation and hide what each phase decides.
    await setSettings({ autoRules: { enabled: false } });
  });
  afterAll(async () => t?.close());

  it('publishes the seed comments 3, 4 and 5 and holds the unreadable comment 2, with reasons', async () => {
    const results: Posted[] = [];
    for (const body of seedComments) {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(201);
      results.push(res.json<Posted>());
    }
    expect(results[1]?.status, JSON.stringify(results)).not.toBe('published');
    expect(results[1]?.reasons.map((r) => r.code)).toContain('unreadable');
    for (const i of [2, 3, 4]) expect(results[i]?.status, seedComments[i]).toBe('published');
    for (const r of results) if (r.status !== 'published') expect(r.reasons.length).toBeGreaterThan(0);
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    expect(page.body).not.toContain(`id="comment-${results[1]?.id}"`);
    expect(page.body).toContain(`id="comment-${results[2]?.id}"`);
  });

  it('stores reasons and scores with every comment', async () => {
    const res = await post('Merci pour cet article très clair sur la situation au Mali.');
    const id = res.json<Posted>().id;
    const row = await t.deps.db.selectFrom('comments').select(['reasons', 'scores', 'body_hash']).where('id', '=', id).executeTakeFirstOrThrow();
    const scores = JSON.parse(row.scores) as Record<string, number>;
    expect(Object.keys(scores)).toEqual(expect.arrayContaining(['spam', 'toxicity', 'unknownWords']));
    expect(Array.isArray(JSON.parse(row.reasons))).toBe(true);
    expect(row.body_hash).toBeTruthy();
  });

  it('holds keyboard mash and obvious spam, refuses nothing a human wrote in good faith', async () => {
    const mash = await post('qsdfgh jklmqsd fghjkl azerty uiopqs dfghjk');
    expect(mash.json<Posted>().status).toBe('pending');
    const spam = await post('Check out my channel and subscribe!!! Free money here, click my video now http://example.test/win');
    expect(['pending', 'spam']).toContain(spam.json<Posted>().status);
    const typo = await post('jsuis dacord avec vous, cest une honte pour le pays');
    expect(await statusOf(typo)).toMatch(/^published/);
    // Informal English is no more unreadable than informal French (chat words, dropped g's, one-slip typos).
    for (const informal of ['ok lor, c u at 8 then we go eat together', 'gonna b late, traffic is crazy tonite sorry', 'lol omg thats sooo funny, cant w8 2 c u tmrw', 'wat r u doin now? nt feelin well', 'There is 7 bilion poeple on earth, think about it']) {
      expect(await statusOf(post(informal)), informal).toMatch(/^published/);
    }
    // A few invented words one at a time among real ones (names, brands, slang) are published
    // and listed for review; two side by side, or mash, are held.
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: editor.auth, payload: { body: 'ce zorglub de brindouille a encore gagné au loto' } });
    expect(weak.json()).toMatchObject({ status: 'published', review: true, reasons: [expect.objectContaining({ code: 'review', detail: expect.stringMatching(/^unreadable · /) })] });
    const strong = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: editor.auth, payload: { body: 'ce zorglub brindouille a encore gagné au loto' } });
    expect(strong.json()).toMatchObject({ status: 'pending', reasons: [expect.objectContaining({ code: 'unreadable' })] });
  });

  it('holds abuse in French and English, naming the words; publishes ordinary news comments about violent events', async () => {
    const evaluate = async (body: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: editor.auth, payload: { body } })).json<Posted & { scores: Record<string, number> }>();
    const abuse = [
      'T\'es vraiment un connard fini, ferme ta gueule',
      'Les femmes sont toutes les mêmes, des salopes',
      'Ces migrants sont des animaux, il faut les renvoyer chez eux',
      'Sale pd, on va te crever',
      'You are a pathetic idiot, shut up',
      'Muslims are all the same, these people are animals',
    ];
    for (const body of abuse) {
      const v = await evaluate(body);
      expect(v.status, `${body} ${JSON.stringify(v)}`).not.toBe('published');
      expect(v.reasons.map((r) => r.code)).toContain('toxic');
      expect(v.reasons.find((r) => r.code === 'toxic')?.detail, body).toMatch(/ · \S/);
    }
    // Written for Palabre, never trained on: the `check` half of scripts/moderation/news-comments.jsonl.
    const news = readFileSync(join(import.meta.dirname, '../../../scripts/moderation/news-comments.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text: string; source: string })
      .filter((c) => c.source.endsWith('-check'));
    expect(news.length).toBe(50);
    const held: string[] = [];
    for (const c of news) {
      const v = await evaluate(c.text);
      if (v.status !== 'published') held.push(`${c.text} ${JSON.stringify(v.reasons)}`);
    }
    expect(held).toEqual([]);
  });

  it('English (judged by the lexicon alone): the plainest abuse held, ordinary comments published', async () => {
    const evaluate = async (body: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: editor.auth, payload: { body } })).json<Posted & { scores: Record<string, number> }>();
    const sets = JSON.parse(readFileSync(join(import.meta.dirname, '../../../test/fixtures/moderation-en.json'), 'utf8')) as { toxic: string[]; ok: string[] };
    let caught = 0;
    for (const body of sets.toxic) {
      if ((await evaluate(body)).status !== 'published') caught++;
    }
    // A floor, not a goal: the lexicon model holds only where it is sure (docs/moderation.md); 5 of 15 today.
    expect(caught).toBeGreaterThanOrEqual(5);
    for (const body of sets.ok) expect((await evaluate(body)).status, body).toBe('published');
  });

  it('holds a comment with maxLinks links or more', async () => {
    await setSettings({ maxLinks: 2 });
    const res = await post('Voir https://a.example.test et https://b.example.test pour comprendre.');
    expect(res.json<Posted>()).toMatchObject({ status: 'pending', reasons: [expect.objectContaining({ code: 'too_many_links' })] });
    const one = await post('Une source : https://a.example.test pour le contexte de cette visite.');
    expect(await statusOf(one)).toMatch(/^published/);
  });

  it('matches holdWords and blockWords case- and accent-insensitively, whole words, in body, name, email and address', async () => {
    await setSettings({ holdWords: ['Wagner'], blockWords: ['arnaque', '203.0.113.77'] });
    expect((await post('Le groupe WAGNER est déjà sur place depuis longtemps.')).json<Posted>().status).toBe('pending');
    expect((await post('Les wagnériens apprécieront cette lecture du dossier.')).json<Posted>().status).toBe('published');
    expect((await post('Une ARNAQUÉ pour les contribuables de ce pays.')).json<Posted>().status).toBe('rejected');
    expect((await post('Bonne analyse de la situation militaire.', { name: 'Roi de l’arnaque' })).json<Posted>().status).toBe('rejected');
    expect((await post('Bonne analyse de la situation sécuritaire.', {}, '203.0.113.77')).json<Posted>().status).toBe('rejected');
    await setSettings({ holdWords: [], blockWords: [] });
  });

  it('refuses a second comment from the same client within floodSeconds, then accepts it', async () => {
    const ip = nextAddress();
    expect((await post('Premier avis sur la question posée ici.', {}, ip)).statusCode).toBe(201);
    const again = await post('Deuxième avis, un peu plus tard dans la journée.', {}, ip);
    expect(again.statusCode).toBe(429);
    expect(again.json().error).toBe('rate_limited');
    clock.advance(16_000);
    expect((await post('Deuxième avis, un peu plus tard dans la journée.', {}, ip)).statusCode).toBe(201);
  });

  it('holds the same text posted twice', async () => {
    const body = 'Il faut absolument protéger les civils dans cette guerre.';
    expect((await post(body)).json<Posted>().status).toBe('published');
    const again = await post(`${body.toUpperCase()} !`);
    expect(again.json<Posted>()).toMatchObject({ status: 'pending', reasons: [expect.objectContaining({ code: 'repeat' })] });
  });

  it('bot traps of the HTML form: honeypot answered as if accepted, token checked for age and signature', async () => {
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/articles/${article.id}/comments`,
        remoteAddress: nextAddress(),
        headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ name: 'Moussa', email: `moussa${address}@example.test`, ...fields }).toString(),
      });
    const latest = async () =>
      t.deps.db.selectFrom('comments').select(['status', 'reasons']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const oldToken = issueFormToken(t.deps.secret, article.id, new Date(clock.now().getTime() - 30_000));

    const bot = await form({ body: 'Une opinion comme une autre sur ce sujet.', website: 'http://spam.example', token: oldToken });
    expect(bot.statusCode).toBe(303);
    expect(bot.headers.location).toContain('comment=pending');
    expect((await latest()).status).toBe('spam');

    const fresh = issueFormToken(t.deps.secret, article.id, clock.now());
    await form({ body: 'Je réagis tout de suite à cet article important.', token: fresh });
    expect(await latest()).toMatchObject({ status: 'pending' });
    expect((await latest()).reasons).toContain('too_fast');

    await form({ body: 'Un avis réfléchi sur la coopération militaire.', token: `${oldToken}x` });
    expect((await latest()).reasons).toContain('form_token');

    const human = await form({ body: 'Un avis posé sur la coopération entre les deux pays.', token: oldToken });
    expect(human.headers.location).toContain('comment=published');
  });

  it('moderation modes: pre holds all, first-time holds until one is approved, the article overrides the site, staff are published', async () => {
    await setSettings({ moderation: 'pre' });
    expect((await post('Un commentaire en pré-modération.')).json<Posted>().reasons.map((r) => r.code)).toContain('pre_moderation');
    const staff = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: editor.auth, payload: { body: 'Précision de la rédaction.' } });
    expect(staff.json<Posted>().status).toBe('published');

    await setSettings({ moderation: 'post' });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.id}`, headers: editor.auth, payload: { moderation: 'first-time' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const email = 'nouvelle@example.test';
    const first = await post('Ma toute première réaction sur ce site.', { email });
    expect(first.json<Posted>()).toMatchObject({ status: 'pending', reasons: [expect.objectContaining({ code: 'first_time' })] });
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${first.json<Posted>().id}/moderation`, headers: editor.auth, payload: { action: 'approve' } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await statusOf(post('Et une deuxième, maintenant que je suis connue.', { email }))).toMatch(/^published/);

    const other = await createArticle(t, editor.auth, { title: 'Autre sujet' });
    expect((await post('Sur un autre article, le réglage du site vaut.', { email: 'x@example.test' }, nextAddress(), other.id)).json<Posted>().status).toBe('published');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.id}`, headers: editor.auth, payload: { moderation: null } });
  });
});

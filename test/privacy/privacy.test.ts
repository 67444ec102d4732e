import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalData } from '../../src/modules/privacy/privacy.service';
import { purgeExpiredAddresses } from '../../src/modules/privacy/privacy.service';
import { hashIp } from '../../src/web/security';
import { startSmtp } from '../newsroom/smtp';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, pathOf, sessionFor, type ArticleJson } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';
import { readerToken } from '../support/guest-comment';

const ORIGIN = 'http://localhost:3000';
let ip = 10;
const nextIp = () => `192.0.2.${(ip += 1)}`;

describe.each(DIALECTS)('readers’ own data on %s', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let article: ArticleJson;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  const clock = fakeClock();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(engine, { env: { SMTP_URL: smtp.url }, clock });
    editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
    article = await createArticle(t, editor.auth, { title: 'Un débat animé' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  async function comment(headers: Record<string, string>, body: string, extra: Record<string, unknown> = {}): Promise<number> {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: nextIp(), headers, payload: { body, token: readerToken(t, article.id), ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    // The flood check counts per account: readers here post a minute apart, as people do.
    clock.advance(60_000);
    return res.json<{ id: number }>().id;
  }

  async function shownNames(): Promise<string> {
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` });
    return page.body + api.body;
  }

  it('lets a signed-in reader download every comment they wrote, then erase the account keeping the comments without a name', async () => {
    const reader = await createUserWithToken(t.deps, 'reader', 'Zoé Kanté');
    const s = await sessionFor(t.deps, reader.id);
    const ids = [];
    for (const body of ['Premier avis de Zoé sur ce débat.', 'Deuxième remarque, plus nuancée.', 'Une troisième, pour finir.']) ids.push(await comment(s.headers, body));
    const page = await t.app.inject({ method: 'GET', url: '/privacy', headers: s.headers });
    expect(page.body).toContain('<html lang="fr"');
    expect(page.body).toContain('Vos données');
    expect(page.body).toContain('Zoé Kanté');

    const res = await t.app.inject({ method: 'GET', url: '/account/data.json', headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json<PersonalData>();
    expect(data.account).toMatchObject({ id: reader.id, email: reader.email, name: 'Zoé Kanté', role: 'reader' });
    expect(data.comments.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(JSON.stringify(data)).not.toContain('password');
    expect(await shownNames()).toContain('Zoé Kanté');

    const refused = await t.app.inject({ method: 'POST', url: '/account/erase', headers: s.headers, payload: { mode: 'anonymize', confirm: '1', _csrf: 'wrong' } });
    expect(refused.statusCode).toBe(403);
    const erased = await t.app.inject({ method: 'POST', url: '/account/erase', headers: s.headers, payload: { mode: 'anonymize', confirm: '1', _csrf: s.csrf } });
    expect(erased.statusCode).toBe(303);
    expect(erased.headers.location).toBe('/privacy?erased=3');
    expect(await shownNames()).not.toContain('Zoé Kanté');
    const rows = await t.deps.db.selectFrom('comments').select(['author_name', 'user_id', 'ip_hash', 'body']).where('id', 'in', ids).execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toMatchObject({ author_name: 'Anonyme', user_id: null, ip_hash: null });
    expect(await t.deps.db.selectFrom('users').select('id').where('id', '=', reader.id).executeTakeFirst()).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/account/data.json', headers: s.headers })).statusCode).toBe(401);
  });

  it('removes the comments when the reader chooses so; newsroom accounts cannot erase themselves', async () => {
    const reader = await createUserWithToken(t.deps, 'reader', 'Ousmane Sidibé');
    const s = await sessionFor(t.deps, reader.id);
    const id = await comment(s.headers, 'Un avis que je retirerai.');
    const erased = await t.app.inject({ method: 'POST', url: '/account/erase', headers: s.headers, payload: { mode: 'remove', confirm: '1', _csrf: s.csrf } });
    expect(erased.statusCode).toBe(303);
    const row = await t.deps.db.selectFrom('comments').select(['status', 'body', 'author_name']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'deleted', body: '', author_name: '' });
    expect(await shownNames()).not.toContain('Ousmane Sidibé');
    const staff = await sessionFor(t.deps, editor.id);
    const res = await t.app.inject({ method: 'POST', url: '/account/erase', headers: staff.headers, payload: { mode: 'remove', confirm: '1', _csrf: staff.csrf } });
    expect(res.statusCode).toBe(403);
  });

  it('sends a guest a link by email to download and erase the comments written with that address', async () => {
    const email = 'aicha.guest@example.test';
    const ids = [];
    for (const body of ['Je commente sans compte.', 'Et j’insiste, toujours sans compte.']) ids.push(await comment({}, body, { name: 'Aïcha Invitée', email }));
    await comment({}, 'Un autre lecteur.', { name: 'Autre Personne', email: 'autre@example.test' });
    const asked = await t.app.inject({ method: 'POST', url: '/privacy/guest', headers: { origin: ORIGIN }, payload: { email: 'Aicha.Guest@example.test' } });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('un lien vient d’y être envoyé');
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /http:\/\/localhost:3000(\/privacy\/guest\/[A-Za-z0-9_.-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    const path = link ?? '';
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(email);
    const data = (await t.app.inject({ method: 'GET', url: `${path}/data.json` })).json<PersonalData>();
    expect(data.comments.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(data.comments.every((c) => c.name === 'Aïcha Invitée')).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `${path.slice(0, -3)}abc` })).statusCode).toBe(400);

    const erased = await t.app.inject({ method: 'POST', url: `${path}/erase`, headers: { origin: ORIGIN }, payload: { mode: 'anonymize', confirm: '1' } });
    expect(erased.statusCode).toBe(303);
    expect(await shownNames()).not.toContain('Aïcha Invitée');
    expect(await shownNames()).toContain('Autre Personne');
    const rows = await t.deps.db.selectFrom('comments').select(['author_email', 'author_name']).where('id', 'in', ids).execute();
    for (const r of rows) expect(r).toEqual({ author_email: null, author_name: 'Anonyme' });
    // A day later the link no longer works.
    clock.advance(25 * 3600 * 1000);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(400);
  });

  it('drops address HMACs past the retention period (90 days by default, a setting), at start-up too', async () => {
    const now = clock.now().getTime();
    const old = await t.deps.db
      .insertInto('comments')
      .values({ article_id: article.id, parent_id: null, user_id: null, author_name: 'Ancien', author_email: null, ip_hash: hashIp(t.deps.secret, '192.0.2.200'), body: 'x', html: '<p>x</p>', status: 'published', created_at: new Date(now - 91 * 86_400_000).toISOString(), updated_at: new Date(now).toISOString(), likes: 0, reasons: '[]', scores: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const recent = await t.deps.db
      .insertInto('comments')
      .values({ article_id: article.id, parent_id: null, user_id: null, author_name: 'Récent', author_email: null, ip_hash: hashIp(t.deps.secret, '192.0.2.201'), body: 'y', html: '<p>y</p>', status: 'published', created_at: new Date(now - 30 * 86_400_000).toISOString(), updated_at: new Date(now).toISOString(), likes: 0, reasons: '[]', scores: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hashOf = async (id: number) => (await t.deps.db.selectFrom('comments').select('ip_hash').where('id', '=', id).executeTakeFirstOrThrow()).ip_hash;
    await t.stop();
    t = await t.restart();
    expect(await hashOf(old.id)).toBeNull();
    expect(await hashOf(recent.id)).not.toBeNull();
    const admin = await createUserWithToken(t.deps, 'admin');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings/privacy', headers: admin.auth })).json()).toEqual({ ipRetentionDays: 90 });
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/privacy', headers: admin.auth, payload: { ipRetentionDays: 0 } });
    expect(bad.statusCode).toBe(400);
    const set = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/privacy', headers: admin.auth, payload: { ipRetentionDays: 7 } });
    expect(set.statusCode).toBe(200);
    expect(await hashOf(recent.id)).toBeNull();
    expect(await purgeExpiredAddresses(t.deps)).toBe(0);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/settings/privacy', headers: editor.auth, payload: { ipRetentionDays: 7 } })).statusCode).toBe(403);
  });
});

describe('readers’ own data in English', () => {
  it('has every page in English when the site is', async () => {
    const t = await createTestApp(DIALECTS[0] ?? 'sqlite', { env: { PALABRE_LOCALE: 'en' } });
    try {
      const page = await t.app.inject({ method: 'GET', url: '/privacy' });
      expect(page.body).toContain('<html lang="en"');
      expect(page.body).toContain('Your data');
      expect(page.body).toContain('Commented without an account?');
      expect(page.body).not.toContain('Vos données');
    } finally {
      await t.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/password';
import { DIALECTS } from '../support/dialects';
import { createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { linkIn, startSmtp } from './smtp';

const ORIGIN = 'http://localhost:3000';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN };
const PASSWORD = 'correct horse battery staple';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  // Named __Host-palabre_session over https; an emptied cookie (logout) is not a session.
  const c = all.find((x) => /^(__Host-)?palabre_session=[^;]/.test(x));
  if (!c) throw new Error('no session cookie');
  return c;
}

describe.each(DIALECTS)('accounts on %s', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;

  const login = (email: string, password: string, ip = '192.0.2.10') =>
    t.app.inject({ method: 'POST', url: '/login', headers: FORM, remoteAddress: ip, payload: form({ email, password }) });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(engine, { env: { SMTP_URL: smtp.url } });
    editor = await createUserWithToken(t.deps, 'editor', 'Awa Traoré');
    admin = await createUserWithToken(t.deps, 'admin', 'Admin');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('signs an editor in with an HttpOnly, SameSite session cookie and opens /admin in French', async () => {
    const res = await login(editor.email, PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const value = cookie.split(';')[0] ?? '';
    expect(Buffer.from(value.split('=')[1] ?? '', 'base64url').length).toBe(16);
    const page = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: value } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="fr"');
    expect(page.body).toContain('Tableau de bord');
    expect(page.body).toContain('Bonjour, Awa Traoré.');
    expect(page.headers['cache-control']).toContain('no-store');
  });

  it('answers a wrong password and an unknown email identically, in comparable time', async () => {
    const wrong = await login(editor.email, 'not the password at all', '192.0.2.11');
    const unknown = await login('nobody-here@example.test', 'not the password at all', '192.0.2.12');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: string, email: string) => b.replaceAll(email, 'EMAIL');
    expect(strip(wrong.body, editor.email)).toBe(strip(unknown.body, 'nobody-here@example.test'));
    expect(wrong.body).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // Both paths verify an argon2id hash: an unknown email is not answered faster (which would reveal that it
    // has no account). Fastest of five, so that a busy machine's pauses do not decide.
    const time = async (email: string, ip: string) => {
      const start = performance.now();
      await login(email, 'still not the password', ip);
      return performance.now() - start;
    };
    const known: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(editor.email, `192.0.2.${20 + i}`));
      none.push(await time(`ghost${i}@example.test`, `192.0.2.${30 + i}`));
    }
    expect(Math.min(...none)).toBeGreaterThan(Math.min(...known) * 0.5);
  });

  it('gives a new session id at each login and ends it at logout', async () => {
    const first = sessionCookie((await login(editor.email, PASSWORD, '192.0.2.40')).headers['set-cookie']).split(';')[0] ?? '';
    const second = await t.app.inject({ method: 'POST', url: '/login', headers: { ...FORM, cookie: first }, remoteAddress: '192.0.2.40', payload: form({ email: editor.email, password: PASSWORD }) });
    const secondCookie = sessionCookie(second.headers['set-cookie']).split(';')[0] ?? '';
    expect(secondCookie).not.toBe(first);
    // The session planted before the login is gone.
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: first } })).statusCode).toBe(303);
    const admin1 = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: secondCookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(admin1.body)?.[1] ?? '';
    const noCsrf = await t.app.inject({ method: 'POST', url: '/logout', headers: { ...FORM, cookie: secondCookie }, payload: '' });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/logout', headers: { ...FORM, cookie: secondCookie }, payload: form({ _csrf: csrf }) });
    expect(out.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: secondCookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fadmin');
  });

  it('redirects an anonymous visitor of /admin to /login, while the API answers 401', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/articles' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fadmin%2Farticles');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(api.statusCode).toBe(401);
    const loginPage = await t.app.inject({ method: 'GET', url: '/login' });
    expect(loginPage.statusCode).toBe(200);
    expect(loginPage.body).toContain('<label for="login-email">Adresse e-mail</label>');
  });

  it('throttles failed logins per account and address pair, and counts unknown accounts the same', async () => {
    const victim = await createUserWithToken(t.deps, 'author');
    for (let i = 0; i < 10; i++) expect((await login(victim.email, 'wrong password!', '198.51.100.1')).statusCode).toBe(401);
    const blocked = await login(victim.email, PASSWORD, '198.51.100.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Trop de tentatives');
    // Failures from one address do not lock the account out from another.
    expect((await login(victim.email, PASSWORD, '198.51.100.200')).statusCode).toBe(303);
    for (let i = 0; i < 10; i++) await login('unknown-victim@example.test', 'wrong password!', '198.51.101.1');
    expect((await login('unknown-victim@example.test', 'wrong password!', '198.51.101.1')).statusCode).toBe(429);
  });

  it('throttles failed logins per address, across accounts', async () => {
    for (let i = 0; i < 30; i++) await login(`someone${i}@example.test`, 'wrong password!', '203.0.113.77');
    const res = await login(editor.email, PASSWORD, '203.0.113.77');
    expect(res.statusCode).toBe(429);
    expect((await login(editor.email, PASSWORD, '203.0.113.78')).statusCode).toBe(303);
  });

  it('resets a password by email with a single-use link that expires, and ends old sessions', async () => {
    const user = await createUserWithToken(t.deps, 'author', 'Moussa');
    const oldSession = sessionCookie((await login(user.email, PASSWORD, '192.0.2.60')).headers['set-cookie']).split(';')[0] ?? '';
    const unknown = await t.app.inject({ method: 'POST', url: '/password/forgot', headers: FORM, remoteAddress: '192.0.2.61', payload: form({ email: 'nobody@example.test' }) });
    const res = await t.app.inject({ method: 'POST', url: '/password/forgot', headers: FORM, remoteAddress: '192.0.2.61', payload: form({ email: user.email }) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(unknown.body);
    const mail = await smtp.waitFor((m) => m.to.includes(user.email));
    expect(smtp.mails.some((m) => m.to.includes('nobody@example.test'))).toBe(false);
    const link = new URL(linkIn(mail.raw));
    expect(link.origin).toBe(ORIGIN);
    const stored = await t.deps.db.selectFrom('password_tokens').select('token_hash').execute();
    expect(stored.some((r) => r.token_hash.includes(link.searchParams.get('token') ?? 'x'))).toBe(false);
    const page = await t.app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(page.statusCode).toBe(200);
    const short = await t.app.inject({ method: 'POST', url: '/password/reset', headers: FORM, payload: form({ token: link.searchParams.get('token') ?? '', password: 'short' }) });
    expect(short.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/password/reset', headers: FORM, payload: form({ token: link.searchParams.get('token') ?? '', password: 'un tout nouveau secret' }) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/login?reset=1');
    const again = await t.app.inject({ method: 'POST', url: '/password/reset', headers: FORM, payload: form({ token: link.searchParams.get('token') ?? '', password: 'encore un autre secret' }) });
    expect(again.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: oldSession } })).statusCode).toBe(303);
    expect((await login(user.email, PASSWORD, '192.0.2.62')).statusCode).toBe(401);
    expect((await login(user.email, 'un tout nouveau secret', '192.0.2.63')).statusCode).toBe(303);
  });

  it('refuses an expired reset link', async () => {
    const user = await createUserWithToken(t.deps, 'author');
    await t.app.inject({ method: 'POST', url: '/password/forgot', headers: FORM, remoteAddress: '192.0.2.64', payload: form({ email: user.email }) });
    const mail = await smtp.waitFor((m) => m.to.includes(user.email));
    const token = new URL(linkIn(mail.raw)).searchParams.get('token') ?? '';
    await t.deps.db.updateTable('password_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).execute();
    const res = await t.app.inject({ method: 'POST', url: '/password/reset', headers: FORM, payload: form({ token, password: 'un tout nouveau secret' }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ce lien a expiré');
  });

  it('lets an editor invite an author, who chooses a password from the emailed link', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: editor.auth, payload: { email: 'Nouvelle@Example.test', name: 'Fatou', role: 'author' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'nouvelle@example.test', role: 'author' });
    const asAdmin = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: editor.auth, payload: { email: 'boss@example.test', name: 'Boss', role: 'admin' } });
    expect(asAdmin.statusCode).toBe(403);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: editor.auth, payload: { email: 'nouvelle@example.test', name: 'Fatou', role: 'author' } });
    expect(dup.statusCode).toBe(409);
    const mail = await smtp.waitFor((m) => m.to.includes('nouvelle@example.test'));
    expect(mail.raw).toContain('Awa');
    const token = new URL(linkIn(mail.raw)).searchParams.get('token') ?? '';
    expect((await login('nouvelle@example.test', 'anything at all', '192.0.2.70')).statusCode).toBe(401);
    const set = await t.app.inject({ method: 'POST', url: '/password/reset', headers: FORM, payload: form({ token, password: 'mon mot de passe' }) });
    expect(set.statusCode).toBe(303);
    expect((await login('nouvelle@example.test', 'mon mot de passe', '192.0.2.71')).statusCode).toBe(303);
  });

  it('ends every session of an account on a role change and on suspension', async () => {
    const user = await createUserWithToken(t.deps, 'author');
    const s1 = sessionCookie((await login(user.email, PASSWORD, '192.0.2.80')).headers['set-cookie']).split(';')[0] ?? '';
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: s1 } })).statusCode).toBe(200);
    const byEditor = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: editor.auth, payload: { role: 'editor' } });
    expect(byEditor.statusCode).toBe(403);
    const change = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.auth, payload: { role: 'editor' } });
    expect(change.statusCode).toBe(200);
    expect(change.json().role).toBe('editor');
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: s1 } })).statusCode).toBe(303);
    const s2 = sessionCookie((await login(user.email, PASSWORD, '192.0.2.81')).headers['set-cookie']).split(';')[0] ?? '';
    const ban = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.auth, payload: { disabled: true } });
    expect(ban.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: s2 } })).statusCode).toBe(303);
    expect((await login(user.email, PASSWORD, '192.0.2.82')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: user.auth })).statusCode).toBe(401);
  });

  it('creates, lists and revokes API tokens; only admins revoke other people’s', async () => {
    const author = await createUserWithToken(t.deps, 'author');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: author.auth, payload: { label: 'script' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: number; token: string }>();
    expect(token).toMatch(/^plb_/);
    const stored = await t.deps.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` } });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.json().tokens.some((k: { id: number }) => k.id === id)).toBe(true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: editor.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: author.auth })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: author.auth, payload: { label: 'second' } });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${other.json().id}`, headers: admin.auth })).statusCode).toBe(204);
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const https = await createTestApp(engine, { env: { PALABRE_BASE_URL: 'https://news.example' } });
    try {
      const u = await createUserWithToken(https.deps, 'editor');
      const res = await https.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://news.example' },
        payload: form({ email: u.email, password: PASSWORD }),
      });
      expect(res.statusCode).toBe(303);
      expect(sessionCookie(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally {
      await https.close();
    }
  });

  it('stores passwords as argon2id with at least 19 MiB, t=2, p=1', async () => {
    const h = await hashPassword('x'.repeat(12));
    expect(h).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/);
    const [, m, tc, p] = /m=(\d+),t=(\d+),p=(\d+)/.exec(h) ?? [];
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(tc)).toBeGreaterThanOrEqual(2);
    expect(Number(p)).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mail, Mailer } from '../../src/infra/mailer';
import { addUser } from '../../src/modules/accounts/user.service';
import { DIALECTS } from '../support/dialects';
import { createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];

function mailbox(): Mailer & { mails: Mail[] } {
  const mails: Mail[] = [];
  return {
    mails,
    async send(mail) {
      mails.push(mail);
    },
    close() {},
  };
}

describe.each(DIALECTS)('accounts hardening on %s', (engine) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  const mail = mailbox();

  beforeAll(async () => {
    t = await createTestApp(engine, { mailer: mail });
    admin = await createUserWithToken(t.deps, 'admin');
  });
  afterAll(async () => t?.close());

  it('refuses common passwords with a clear message in French and English', async () => {
    for (const password of ['password123', 'qwertyuiop', 'motdepasse123', 'azertyuiop']) {
      const err = await addUser(t.deps, { email: `weak-${password}@example.test`, name: 'Faible', role: 'author', password }).catch((e: unknown) => e);
      expect(err, password).toMatchObject({ status: 400, field: 'password' });
      expect((err as { localized: { fr: string; en: string } }).localized).toEqual({
        fr: expect.stringContaining('trop courant ou trop facile à deviner'),
        en: expect.stringContaining('too common or too easy to guess'),
      });
    }
    await expect(addUser(t.deps, { email: 'strong@example.test', name: 'Fort', role: 'author', password: 'baobab pirogue harmattan' })).resolves.toMatchObject({ email: 'strong@example.test' });

    const invited = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: admin.auth, payload: { email: 'nouvelle@example.test', name: 'Nouvelle', role: 'author' } });
    expect(invited.statusCode, invited.body).toBe(201);
    const link = mail.mails.at(-1)?.text.match(/token=([\w-]+)/)?.[1] ?? '';
    const weak = await t.app.inject({ method: 'POST', url: '/password/reset', headers: { ...FORM, origin: 'http://localhost:3000' }, remoteAddress: '192.0.2.31', payload: new URLSearchParams({ token: link, password: 'password123' }).toString() });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Ce mot de passe est trop courant ou trop facile à deviner');
    const ok = await t.app.inject({ method: 'POST', url: '/password/reset', headers: { ...FORM, origin: 'http://localhost:3000' }, remoteAddress: '192.0.2.31', payload: new URLSearchParams({ token: link, password: 'baobab pirogue harmattan' }).toString() });
    expect(ok.statusCode).toBe(303);
  });

  it('gives every write route a rate limit (the route table, walked)', () => {
    const unlimited = t.app
      .routeTable()
      .filter((r) => r.methods.some((m) => UNSAFE.includes(m)))
      .filter((r) => (r.route.config as { rateLimit?: unknown } | undefined)?.rateLimit == null)
      .map((r) => `${r.methods.join(',')} ${r.url}`);
    expect(unlimited).toEqual([]);
    const writes = t.app.routeTable().filter((r) => r.methods.some((m) => UNSAFE.includes(m)));
    expect(writes.length).toBeGreaterThan(40);
  });

  it('limits the mails one inbox receives from the guest privacy form and the reset form, whatever the sender', async () => {
    const before = mail.mails.length;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/privacy/guest',
        headers: { ...FORM, origin: 'http://localhost:3000' },
        remoteAddress: `198.51.100.${i + 10}`,
        payload: new URLSearchParams({ email: 'cible@example.test' }).toString(),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(mail.mails.slice(before).filter((m) => m.to === 'cible@example.test').length).toBeLessThanOrEqual(3);

    const resets: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/password/reset', headers: { ...FORM, origin: 'http://localhost:3000' }, remoteAddress: '203.0.113.99', payload: 'token=nope&password=x' });
      resets.push(res.statusCode);
    }
    expect(resets.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(resets.slice(10)).toEqual([429, 429]);
  });

  it('counts failed sign-ins per account and address: an admin is never locked out from elsewhere', async () => {
    const login = (password: string, ip: string) =>
      t.app.inject({ method: 'POST', url: '/login', headers: { ...FORM, origin: 'http://localhost:3000' }, remoteAddress: ip, payload: new URLSearchParams({ email: admin.email, password }).toString() });
    for (let i = 0; i < 10; i++) expect((await login('pas le bon mot', '198.51.100.66')).statusCode).toBe(401);
    expect((await login('correct horse battery staple', '198.51.100.66')).statusCode).toBe(429);
    expect((await login('correct horse battery staple', '192.0.2.1')).statusCode).toBe(303);
  });
});

describe.each(DIALECTS)('https-only protections on %s', (engine) => {
  it('sends HSTS for a year and names the session cookie __Host- when the site is https, not over http', async () => {
    const https = await createTestApp(engine, { env: { PALABRE_BASE_URL: 'https://news.example' } });
    const http = await createTestApp(engine);
    try {
      const user = await createUserWithToken(https.deps, 'editor');
      const home = await https.app.inject({ method: 'GET', url: '/' });
      expect(home.headers['strict-transport-security']).toBe('max-age=31536000');
      const login = await https.app.inject({
        method: 'POST',
        url: '/login',
        headers: { ...FORM, origin: 'https://news.example' },
        remoteAddress: '192.0.2.5',
        payload: new URLSearchParams({ email: user.email, password: 'correct horse battery staple' }).toString(),
      });
      expect(login.statusCode).toBe(303);
      const cookie = [login.headers['set-cookie']].flat().find((c) => c?.startsWith('__Host-palabre_session=')) ?? '';
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const admin = await https.app.inject({ method: 'GET', url: '/admin', headers: { cookie: cookie.split(';')[0] ?? '' } });
      expect(admin.statusCode).toBe(200);

      const plain = await http.app.inject({ method: 'GET', url: '/' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const other = await createUserWithToken(http.deps, 'editor');
      const httpLogin = await http.app.inject({
        method: 'POST',
        url: '/login',
        headers: { ...FORM, origin: 'http://localhost:3000' },
        remoteAddress: '192.0.2.6',
        payload: new URLSearchParams({ email: other.email, password: 'correct horse battery staple' }).toString(),
      });
      expect([httpLogin.headers['set-cookie']].flat().some((c) => c?.startsWith('palabre_session='))).toBe(true);
    } finally {
      await https.close();
      await http.close();
    }
  });
});

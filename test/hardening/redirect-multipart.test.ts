import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/modules/accounts/login.routes';
import { DIALECTS } from '../support/dialects';
import { createUserWithToken, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' };

describe('where sign-in may send a reader back', () => {
  it('keeps paths of this site and drops every way out of it', () => {
    expect(safeNext('/admin/articles?x=1#y')).toBe('/admin/articles?x=1#y');
    for (const evil of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example/', 'javascript:alert(1)', ' /x', '/\r\n/evil.example'])
      expect(safeNext(evil), JSON.stringify(evil)).toBeUndefined();
    expect(safeNext(['/a', '/b'])).toBeUndefined();
  });
});

describe.each(DIALECTS)('sign-in redirects and multipart uploads on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
  });
  afterAll(async () => t?.close());

  it('never sends a signed-in user to another site from /login?next=', async () => {
    const s = await sessionFor(t.deps, editor.id);
    for (const next of ['/%09/evil.example', '%2F%2Fevil.example', '/%5Cevil.example', '/%0A/evil.example']) {
      const res = await t.app.inject({ method: 'GET', url: `/login?next=${next}`, headers: { cookie: s.cookie } });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe('/admin');
    }
  });

  it('answers a newline in next at sign-in with a clean redirect, never a 500', async () => {
    const body = new URLSearchParams({ email: editor.email, password: 'correct horse battery staple', next: '/admin\r\nSet-Cookie: x=1' }).toString();
    const res = await t.app.inject({ method: 'POST', url: '/login', headers: FORM, remoteAddress: '192.0.2.90', payload: body });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/adminSet-Cookie:%20x=1');
    expect(String(res.headers['set-cookie'])).not.toContain('x=1');
  });

  it('does not serve files outside the asset and media directories', async () => {
    for (const url of ['/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/media/..%2f..%2f..%2fpackage.json', '/media/%2e%2e/%2e%2e/package.json', '/assets/%00', '/media/..\\..\\package.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 100)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain('"devDependencies"');
    }
  });

  it('refuses malformed multipart bodies with 400', async () => {
    const bodies: { type: string; payload: string }[] = [
      { type: 'multipart/form-data', payload: '--x\r\n' },
      { type: 'multipart/form-data; boundary=abc', payload: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nunfinished' },
      { type: 'multipart/form-data; boundary=abc', payload: 'garbage without any boundary' },
      { type: 'multipart/form-data; boundary=abc', payload: `--abc\r\nContent-Disposition: form-data; name="alt"\r\n\r\nA\u0000B\r\n--abc--\r\n` },
    ];
    for (const b of bodies) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/media', headers: { ...editor.auth, 'content-type': b.type }, payload: b.payload });
      expect(res.statusCode, `${b.type} ${JSON.stringify(b.payload)}: ${res.body}`).toBe(400);
      expect(res.json().error).toBe('invalid_input');
    }
  });
});

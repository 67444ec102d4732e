import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { needs, REDIS_URL } from '../support/parts';
import { createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' };

describe.each(DIALECTS)('login throttling shared through Redis on %s', needs('redis'), (engine) => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // Two instances, one Redis: what one instance counted, the other sees.
    const env = { REDIS_URL, PALABRE_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:` };
    a = await createTestApp(engine, { env });
    b = await createTestApp(engine, { env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('refuses on one instance an account and address whose failures were counted on the other', async () => {
    const user = await createUserWithToken(a.deps, 'editor');
    const attempt = (t: TestApp, password: string, ip: string) =>
      t.app.inject({ method: 'POST', url: '/login', headers: FORM, remoteAddress: ip, payload: new URLSearchParams({ email: user.email, password }).toString() });
    for (let i = 0; i < 10; i++) expect((await attempt(a, 'wrong password!', '198.51.100.1')).statusCode).toBe(401);
    expect((await attempt(b, 'wrong password!', '198.51.100.1')).statusCode).toBe(429);
    expect((await attempt(b, 'correct horse battery staple', '198.51.100.1')).statusCode).toBe(429);
    // The account's failures count per address: from elsewhere its owner still signs in.
    expect((await attempt(a, 'correct horse battery staple', '198.51.100.51')).statusCode).toBe(303);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';

/** The stored address hashes of an article's comments, oldest first. */
async function ipHashes(t: TestApp, articleId: number): Promise<(string | null)[]> {
  const rows = await t.deps.db.selectFrom('comments').select('ip_hash').where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => r.ip_hash);
}

describe.each(DIALECTS)('client addresses behind a proxy on %s', (engine) => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  async function postTwice(env: Record<string, string>): Promise<(string | null)[]> {
    const clock = fakeClock(new Date());
    const t = await createTestApp(engine, { env, clock });
    apps.push(t);
    const editor = await createUserWithToken(t.deps, 'editor');
    const a = await createArticle(t, editor.auth);
    for (const xff of ['198.51.100.7', '198.51.100.8']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.id}/comments`,
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': xff },
        payload: { body: 'Un avis mesuré sur la question.', name: `Lecteur ${xff}`, email: `l${xff.length}@example.test` },
      });
      expect(res.statusCode, res.body).toBe(201);
      clock.advance(60_000); // past any flood interval
    }
    return ipHashes(t, a.id);
  }

  it('takes the address from X-Forwarded-For only when PALABRE_TRUST_PROXY is set', async () => {
    const trusted = await postTwice({ PALABRE_TRUST_PROXY: '1' });
    expect(trusted[0]).not.toBe(trusted[1]);
    const untrusted = await postTwice({});
    expect(untrusted[0]).toBe(untrusted[1]);
    expect(untrusted[0]).not.toContain('10.0.0.2');
  });
});

describe('addresses are never stored in clear', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(DIALECTS[0] ?? 'sqlite');
  });
  afterAll(async () => t?.close());
  it('stores a keyed hash, not the address', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const a = await createArticle(t, editor.auth);
    await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, remoteAddress: '203.0.113.77', payload: { body: 'Bonjour à tous.', name: 'A', email: 'a@example.test' } });
    const [hash] = await ipHashes(t, a.id);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(hash).not.toContain('203.0.113.77');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, sessionFor } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';

type Posted = { id: number; status: string; reasons: { code: string; detail?: string }[] };

describe.each(DIALECTS)('bot traps on the JSON comment API, on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;
  const clock = fakeClock(new Date('2026-06-02T08:00:00.000Z'));
  let n = 0;

  const post = async (payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
    n++;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: `198.51.100.${n}`,
      headers,
      payload: { body: `Un avis posé et argumenté sur la question numéro ${n}.`, name: 'Awa', email: `awa${n}@example.test`, ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Posted>();
  };
  const freshToken = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments/token` })).json<{ token: string }>().token;
  const setSettings = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor');
    article = await createArticle(t, editor.auth, { title: 'La réforme des retraites', publishAt: '2026-06-01T09:00:00.000Z' });
    await setSettings({ floodSeconds: 0, minSubmitSeconds: 3 });
  });
  afterAll(async () => t?.close());

  it('holds a guest without a valid token (form_token), and one too fast (too_fast); publishes one who took their time', async () => {
    const none = await post({});
    expect(none.status).toBe('pending');
    expect(none.reasons.map((r) => r.code)).toContain('form_token');
    const forged = await post({ token: `${(await freshToken()).slice(0, -1)}x` });
    expect(forged.reasons.map((r) => r.code)).toContain('form_token');
    const fast = await post({ token: await freshToken() });
    expect(fast.status).toBe('pending');
    expect(fast.reasons.map((r) => r.code)).toContain('too_fast');
    const token = await freshToken();
    clock.advance(10_000);
    expect((await post({ token })).status).toBe('published');
  });

  it('keeps a filled honeypot as spam, answered as if held', async () => {
    const token = await freshToken();
    clock.advance(10_000);
    const bot = await post({ token, website: 'http://spam.example' });
    expect(bot).toMatchObject({ status: 'pending', reasons: [] });
    const row = await t.deps.db.selectFrom('comments').select('status').where('id', '=', bot.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('spam');
  });

  it('exempts requests with an API token and staff signed in, and turns off with minSubmitSeconds 0', async () => {
    const script = await createUserWithToken(t.deps, 'reader', 'Un script');
    expect((await post({}, script.auth)).status).toBe('published');
    const s = await sessionFor(t.deps, editor.id);
    expect((await post({}, s.headers)).status).toBe('published');
    // A signed-in reader with a session (not a token) is a browser like a guest's.
    const readerAccount = await createUserWithToken(t.deps, 'reader', 'Lectrice');
    const rs = await sessionFor(t.deps, readerAccount.id);
    expect((await post({}, rs.headers)).reasons.map((r) => r.code)).toContain('form_token');
    await setSettings({ minSubmitSeconds: 0 });
    expect((await post({})).status).toBe('published');
    await setSettings({ minSubmitSeconds: 3 });
  });
});

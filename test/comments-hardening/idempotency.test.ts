import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitComment } from '../../src/modules/comments/comment.service';
import { idempotencyKeyHash } from '../../src/modules/comments/idempotency';
import { insertKeyClaim } from '../../src/modules/comments/idempotency.repository';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';

type Posted = { id: number; status: string };

describe.each(DIALECTS)('Idempotency-Key on comment POSTs, on %s', (engine) => {
  let t: TestApp;
  let article: Awaited<ReturnType<typeof createArticle>>;
  const clock = fakeClock(new Date('2026-05-04T08:00:00.000Z'));
  let n = 0;

  const count = async () => Number((await t.deps.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', article.id).executeTakeFirstOrThrow()).n);
  const post = (key: string | undefined, body: string, remoteAddress = '198.51.100.7') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress,
      headers: key === undefined ? {} : { 'idempotency-key': key },
      payload: { body, name: 'Awa', email: 'awa@example.test' },
    });

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    const editor = await createUserWithToken(t.deps, 'editor');
    article = await createArticle(t, editor.auth, { title: 'Les retraites en débat', publishAt: '2026-05-01T09:00:00.000Z' });
    const s = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { minSubmitSeconds: 0, floodSeconds: 0 } });
    expect(s.statusCode, s.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('answers a retried POST with the first result (same status and body) and writes one comment', async () => {
    const before = await count();
    const body = `Un avis sur la réforme, envoyé une fois (${n++}).`;
    const first = await post('key-a-1', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('key-a-1', body);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 1);
    // Another client's identical key is its own.
    const other = await post('key-a-1', body, '198.51.100.8');
    expect(other.json<Posted>().id).not.toBe(first.json<Posted>().id);
    // Without a key nothing changes: two posts, two comments.
    await post(undefined, `Sans clé, premier envoi (${n++}).`);
    await post(undefined, `Sans clé, second envoi (${n++}).`);
    expect(await count()).toBe(before + 4);
  });

  it('lets concurrent retries with one key create a single comment', async () => {
    const before = await count();
    const body = `Un avis envoyé cinq fois en même temps (${n++}).`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('key-concurrent', body)));
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    expect(new Set(answers.map((a) => a.json<Posted>().id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('finds a comment committed by a server that died before replying', async () => {
    const ip = '198.51.100.9';
    const keyHash = idempotencyKeyHash(t.deps.secret, { user: null, ip }, 'key-crash');
    // What the dead server did: claimed the key and committed the comment with its answer, then never replied.
    expect(await insertKeyClaim(t.deps.db, keyHash, clock.now().toISOString())).toBe(true);
    const saved = await submitComment(t.deps, { articleId: article.id, body: 'Un avis jamais acquitté.', name: 'Awa', email: 'awa@example.test', ip, user: null, idempotencyKeyHash: keyHash });
    const before = await count();
    const retry = await post('key-crash', 'Un avis jamais acquitté.', ip);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json<Posted>().id).toBe(saved.id);
    expect(await count()).toBe(before);
  });

  it('judges a retry again when the first attempt was refused, and forgets keys after a day', async () => {
    const refused = await post('key-refused', '', '198.51.100.20');
    expect(refused.statusCode).toBe(400);
    const fixed = await post('key-refused', `Un avis complet cette fois (${n++}).`, '198.51.100.20');
    expect(fixed.statusCode, fixed.body).toBe(201);
    const body = `Un avis daté (${n++}).`;
    const first = await post('key-day', body, '198.51.100.21');
    clock.advance(25 * 3600 * 1000);
    const nextDay = await post('key-day', body, '198.51.100.21');
    expect(nextDay.statusCode).toBe(201);
    expect(nextDay.json<Posted>().id).not.toBe(first.json<Posted>().id);
  });

  it('refuses a malformed key with a clear 400', async () => {
    const r = await post('clé avec espaces', 'Un avis quelconque sur le sujet.', '198.51.100.22');
    expect(r.statusCode).toBe(400);
    expect(r.json<{ message: string }>().message).toContain('Idempotency-Key');
  });

  it('writes one comment when the no-JavaScript form is sent twice with its key', async () => {
    const page = await t.app.inject({ method: 'GET', url: new URL(article.url).pathname });
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1];
    expect(key).toBeTruthy();
    const before = await count();
    const send = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/articles/${article.id}/comments`,
        remoteAddress: '198.51.100.10',
        headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ body, name: 'Awa', email: 'awa@example.test', idempotencyKey: key ?? '' }).toString(),
      });
    const a = await send('Un avis envoyé depuis le formulaire.');
    const b = await send('Un avis envoyé depuis le formulaire.');
    expect(a.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    expect(await count()).toBe(before + 1);
    // The same cached key with another text is another comment.
    await send('Un second avis, tout autre, depuis la même page.');
    expect(await count()).toBe(before + 2);
  });
});

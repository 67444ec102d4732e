import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as translate, waitInWords } from '../../src/web/i18n/i18n';
import { DIALECTS } from '../support/dialects';
import { needs, REDIS_URL } from '../support/parts';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';

const SECRET = 'slow-mode-test-secret-0123456789';

const comment = (t: TestApp, articleId: number, body: string, ip: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: ip, headers, payload: { body, name: 'Lectrice', email: 'lectrice@example.test' } });

describe.each(DIALECTS)('slow mode on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-05-04T08:00:00.000Z'));
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor');
  });
  afterAll(async () => t?.close());

  it('is set through PATCH, answers 429 with the wait to a second comment, and lets the reader post once the time is past', async () => {
    const a = await createArticle(t, editor.auth);
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { slowModeMinutes: -3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('slowModeMinutes');
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { slowModeMinutes: 5 } });
    expect(ok.json().slowModeMinutes).toBe(5);

    expect((await comment(t, a.id, 'Première remarque sur ce sujet important.', '192.0.2.1')).statusCode).toBe(201);
    clock.advance(60_000); // past the site's flood limit, within slow mode
    const again = await comment(t, a.id, 'Deuxième remarque, un peu plus tard.', '192.0.2.1');
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ error: 'rate_limited', retryAfter: 240 });
    expect(again.headers['retry-after']).toBe('240');
    // Another reader, and the same reader on another article, are not held back.
    expect((await comment(t, a.id, 'Un autre lecteur donne son avis.', '192.0.2.2')).statusCode).toBe(201);
    const b = await createArticle(t, editor.auth);
    expect((await comment(t, b.id, 'Sur un autre article, aucune attente.', '192.0.2.1')).statusCode).toBe(201);
    // Staff are exempt.
    expect((await comment(t, a.id, 'Précision de la rédaction.', '192.0.2.3', editor.auth)).statusCode).toBe(201);
    expect((await comment(t, a.id, 'Seconde précision de la rédaction.', '192.0.2.3', editor.auth)).statusCode).toBe(201);

    clock.advance(4 * 60_000);
    expect((await comment(t, a.id, 'Troisième remarque, après l’attente.', '192.0.2.1')).statusCode).toBe(201);
  });

  it('says the wait in words in the form, in French and in English', async () => {
    const a = await createArticle(t, editor.auth, { slowModeMinutes: 10 });
    const form = (body: string, lang: string) =>
      t.app.inject({
        method: 'POST',
        url: `/articles/${a.id}/comments`,
        remoteAddress: '192.0.2.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000', 'accept-language': lang },
        payload: new URLSearchParams({ body, name: 'Lectrice', email: 'lectrice@example.test' }).toString(),
      });
    expect((await form('Mon premier avis sur la question.', 'fr')).statusCode).toBe(303);
    clock.advance(120_000);
    const fr = await form('Mon second avis, trop tôt.', 'fr');
    expect(fr.statusCode).toBe(429);
    expect(fr.body).toContain('vous pourrez à nouveau dans 8 minutes');
    expect(fr.body).toContain('Mon second avis, trop tôt.'); // nothing typed is lost
    clock.advance(30_000);
    const later = await form('Mon second avis, toujours trop tôt.', 'fr');
    expect(later.body).toContain('vous pourrez à nouveau dans 8 minutes'); // 7 min 30 s, rounded up
    // The public site speaks the site's language; the English words come from the same place.
    expect(translate('en', 'comments.wait', { wait: waitInWords('en', 450) })).toBe('you commented on this article a moment ago; you may again in 8 minutes.');
    expect(waitInWords('en', 30)).toBe('30 seconds');
    expect(waitInWords('fr', 1)).toMatch(/^1\sseconde$/);
  });
});

describe.each(DIALECTS)('slow mode across two instances sharing Redis on %s', needs('redis'), (engine) => {
  let a: TestApp;
  let b: TestApp;
  const clock = fakeClock(new Date('2026-05-04T08:00:00.000Z'));

  beforeAll(async () => {
    // Two instances on one database and one Redis, as behind a load balancer.
    const env = { REDIS_URL, PALABRE_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:`, PALABRE_SECRET: SECRET };
    a = await createTestApp(engine, { env, clock });
    b = await a.restart();
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
  });

  it('refuses on one instance a second comment posted first on the other', async () => {
    const editor = await createUserWithToken(a.deps, 'editor');
    const article = await createArticle(a, editor.auth, { slowModeMinutes: 3 });
    expect((await comment(a, article.id, 'Posté sur la première instance.', '198.51.100.7')).statusCode).toBe(201);
    clock.advance(30_000);
    const refused = await comment(b, article.id, 'Posté sur la seconde, trop tôt.', '198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().retryAfter).toBe(150);
    clock.advance(150_000);
    expect((await comment(b, article.id, 'Posté sur la seconde, à temps.', '198.51.100.7')).statusCode).toBe(201);
  });
});

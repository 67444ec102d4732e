import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, postForm, sessionFor } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';
import { startSmtp } from '../newsroom/smtp';
import { readerToken } from '../support/guest-comment';

const INSULTS = ['connard', 'ordure', 'abruti', 'crétin', 'enflure', 'pourriture', 'minable', 'débile'];

/** An abusive comment, different each time (a raid is not one text pasted 40 times). */
function abuse(i: number): string {
  const a = INSULTS[i % INSULTS.length];
  const b = INSULTS[(i * 3 + 1) % INSULTS.length];
  return `Espèce de ${a}, ferme ta gueule, sale ${b}, tu devrais crever ${'!'.repeat((i % 5) + 1)} (${i})`;
}

const ORDINARY = [
  'Merci pour cet article très clair sur le budget de la commune.',
  'Je ne savais pas que le conseil avait voté ce projet en juin.',
  'Bon résumé, même si la question des transports mérite un autre papier.',
  'Les chiffres du deuxième paragraphe sont-ils ceux de cette année ?',
  'Article intéressant, je le partage avec mes voisins.',
];

describe.each(DIALECTS)('automatic per-story rules on %s', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const clock = fakeClock(new Date('2026-05-04T08:00:00.000Z'));
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(engine, { clock, env: { SMTP_URL: smtp.url } });
    editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator', 'Modératrice Alice');
    await createUserWithToken(t.deps, 'moderator'); // did not opt in: gets nothing
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/moderation/preferences', headers: moderator.auth, payload: { ruleAlerts: true } });
    expect(res.json()).toEqual({ ruleAlerts: true, digest: false });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (articleId: number, body: string, ip: string, n: number) =>
    t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: ip, payload: { body, name: `Lecteur ${n}`, email: `l${n}@example.test`, token: readerToken(t, articleId) } });
  const article = async (id: number) => (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${id}`, headers: editor.auth })).json();

  it('validates autoRules in the discussion settings and has them on by default', async () => {
    const got = (await t.app.inject({ method: 'GET', url: '/api/v1/settings/discussion', headers: editor.auth })).json();
    expect(got.autoRules).toMatchObject({ enabled: true, lastN: 20, share: 0.4, ratePerMinute: 30, durationMinutes: 360, action: 'pre' });
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: { ...editor.auth, 'accept-language': 'fr' }, payload: { autoRules: { share: 7 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_input');
    expect(bad.body).toContain('share');
  });

  it('a raid switches that story alone to pre-moderation, tells moderators once, and ends by itself or by an undo', async () => {
    const raided = await createArticle(t, editor.auth, { title: 'Le stade municipal' });
    const quiet = await createArticle(t, editor.auth, { title: 'La fête des voisins' });
    let switchedAt = -1;
    for (let i = 0; i < 40; i++) {
      clock.advance(7_500); // 40 comments in 5 minutes
      const res = await post(raided.id, abuse(i), `203.0.113.${i + 1}`, i);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).not.toBe('published');
      if (i % 4 === 0) {
        const other = await post(quiet.id, `${ORDINARY[(i / 4) % ORDINARY.length]} Lecteur du quartier ${i}.`, `198.51.100.${i + 1}`, 100 + i);
        expect(other.json().status, other.body).toBe('published');
      }
      if (switchedAt < 0 && (await article(raided.id)).moderation === 'pre') switchedAt = i;
    }
    expect(switchedAt).toBeGreaterThanOrEqual(0);
    expect(switchedAt).toBeLessThan(39);
    expect((await article(quiet.id)).moderation).toBeNull();

    // A later ordinary comment on the raided story is held by pre-moderation; on the other, published.
    const later = await post(raided.id, 'Je voulais simplement dire que le stade est très bien situé.', '192.0.2.10', 500);
    expect(later.json()).toMatchObject({ status: 'pending', reasons: [{ code: 'pre_moderation' }] });
    expect((await post(quiet.id, 'Belle initiative dans notre quartier.', '192.0.2.11', 501)).json().status).toBe('published');

    // One email, to the moderator who asked, with the reason and figures.
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual([moderator.email]);
    const text = smtp.mails[0]?.raw.replace(/=\r?\n/g, '') ?? '';
    expect(text).toMatch(/derniers commentaires retenus, signal=C3=A9s ou refus=C3=A9s|derniers commentaires retenus, signalés ou refusés/);

    const log = (await t.app.inject({ method: 'GET', url: '/api/v1/moderation/log', headers: moderator.auth })).json();
    const entry = log.entries.find((e: { action: string }) => e.action === 'auto_rule');
    expect(entry).toMatchObject({ target: `article:${raided.id}` });
    expect(entry.reason).toMatch(/pré-modération pour 360 min — \d+ des \d+ derniers commentaires/);
    expect(log.entries.filter((e: { action: string }) => e.action === 'auto_rule')).toHaveLength(1);

    // The queue shows the banner.
    const s = await sessionFor(t.deps, moderator.id);
    const queue = await t.app.inject({ method: 'GET', url: '/admin/moderation', headers: s.headers });
    expect(queue.body).toContain('Articles protégés par une règle automatique');
    expect(queue.body).toContain('Le stade municipal');

    // After the set time the story is back to its own mode, with no cron.
    clock.advance(360 * 60_000);
    expect((await article(raided.id)).moderation).toBeNull();
    const after = await post(raided.id, 'Le calme est revenu, merci à la modération.', '192.0.2.12', 502);
    expect(after.json().status).toBe('published');
    expect(smtp.mails).toHaveLength(1);

    // A second raid switches it again; a moderator's undo ends it at once.
    for (let i = 40; i < 60 && (await article(raided.id)).moderation !== 'pre'; i++) await post(raided.id, abuse(i), `203.0.113.${i + 100}`, i);
    expect((await article(raided.id)).moderation).toBe('pre');
    const undo = await postForm(t, s, `/admin/moderation/auto-rules/${raided.id}/undo`, { _csrf: s.csrf });
    expect(undo.statusCode).toBe(303);
    expect((await article(raided.id)).moderation).toBeNull();
    const log2 = (await t.app.inject({ method: 'GET', url: '/api/v1/moderation/log', headers: moderator.auth })).json();
    expect(log2.entries.some((e: { action: string; actor_name: string; target: string }) => e.action === 'auto_rule_undo' && e.actor_name === 'Modératrice Alice' && e.target === `article:${raided.id}`)).toBe(true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/moderation/auto-rules/${raided.id}`, headers: moderator.auth })).statusCode).toBe(404);
  });

  it('switches on the arrival rate, to slow mode when the settings say so, and does nothing when off', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { autoRules: { ratePerMinute: 5, action: 'slow', slowModeMinutes: 10 } } });
    const busy = await createArticle(t, editor.auth, { title: 'Le marché du samedi' });
    for (let i = 0; i < 6; i++) {
      clock.advance(5_000);
      expect((await post(busy.id, `${ORDINARY[i % ORDINARY.length]} Avis numéro ${i}.`, `198.18.0.${i + 1}`, 700 + i)).json().status).toBe('published');
    }
    const a = await article(busy.id);
    expect(a.moderation).toBeNull();
    expect(a.protection).toMatchObject({ mode: 'slow', slowModeMinutes: 10 });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { autoRules: { enabled: false } } });
    const calm = await createArticle(t, editor.auth);
    for (let i = 0; i < 12; i++) await post(calm.id, abuse(i + 200), `198.18.1.${i + 1}`, 800 + i);
    expect((await article(calm.id)).protection).toBeNull();
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { autoRules: {} } });
  });
});

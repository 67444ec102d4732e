import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, fakeClock, type TestApp } from '../../../test/support/test-app';
import { startSmtp } from '../../../test/newsroom/smtp';
import { setModeratorPreferences } from './auto-rules.service';
import { sendModeratorDigests } from './digest';

let n = 0;
describe.each(DIALECTS)('moderator digest on %s', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const clock = fakeClock(new Date('2026-03-08T10:00:00.000Z'));
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let other: Awaited<ReturnType<typeof createUserWithToken>>;
  let articleId = 0;

  const post = async (body: string) => {
    n += 1;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: `203.0.113.${n}`, payload: { body, name: `Lecteur ${n}`, email: `d${n}@example.test` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; status: string }>();
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(engine, { clock, env: { SMTP_URL: smtp.url } });
    const editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    other = await createUserWithToken(t.deps, 'moderator');
    await setModeratorPreferences(t.deps, moderator.id, { ruleAlerts: false, digest: true });
    await setModeratorPreferences(t.deps, other.id, { ruleAlerts: false, digest: false });
    const a = await createArticle(t, editor.auth, { title: 'Le budget de la ville' });
    articleId = a.id;
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { moderation: 'pre' } });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends nothing while the queue is empty', async () => {
    expect(await sendModeratorDigests(t.deps)).toBe(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it('mails the opted-in moderator the held comments per story and the oldest wait, at most hourly', async () => {
    const a = await post('Une remarque mesurée sur le budget des écoles de la ville.');
    expect(a.status).toBe('pending');
    clock.advance(25 * 60_000);
    await post('Une autre remarque, posée, sur les dépenses de voirie cette année.');
    expect(await sendModeratorDigests(t.deps)).toBe(1);
    const mail = await smtp.waitFor((m) => m.to.includes(moderator.email));
    expect(smtp.mails.filter((m) => m.to.includes(other.email))).toHaveLength(0);
    const text = mail.raw.replace(/=\r?\n/g, '');
    expect(text).toContain('2 commentaire(s) retenu(s)');
    expect(text).toContain('depuis 25 min');
    expect(text).toContain('- Le budget de la ville : 2');
    expect(text).toContain('/admin/moderation');

    clock.advance(59 * 60_000);
    expect(await sendModeratorDigests(t.deps)).toBe(0);
    clock.advance(2 * 60_000);
    expect(await sendModeratorDigests(t.deps)).toBe(1);
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(moderator.email)).length).toBe(2);
  });

  it('stops once the queue is empty again', async () => {
    const held = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?status=pending', headers: moderator.auth });
    for (const c of held.json<{ comments: { id: number }[] }>().comments) {
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${c.id}/moderation`, headers: moderator.auth, payload: { action: 'approve' } })).statusCode).toBe(200);
    }
    clock.advance(2 * 3_600_000);
    expect(await sendModeratorDigests(t.deps)).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, fakeClock, type TestApp } from '../../../test/support/test-app';
import { insertCommentRows } from '../comments/comment-bulk.repository';

type FalseHold = { rate: number | null; held: number; approved: number; budget: number };

describe.each(DIALECTS)('the measured false-hold rate on %s', (engine) => {
  let t: TestApp;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let articleId: number;
  const clock = fakeClock(new Date('2026-06-01T10:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    const editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    articleId = (await createArticle(t, editor.auth, { title: 'La rentrée' })).id;
  });
  afterAll(async () => t?.close());

  const held = (count: number, status: 'pending' | 'published' = 'pending') =>
    insertCommentRows(
      t.deps.db,
      Array.from({ length: count }, (_, k) => ({ article_id: articleId, parent_id: null, user_id: null, author_name: 'Lecteur', author_email: null, author_url: null, ip_hash: null, body: `Un avis numéro ${k}`, html: `<p>Un avis numéro ${k}</p>`, status, reasons: '[]', scores: '{}', created_at: clock.now().toISOString() })),
    );
  const decide = async (id: number, action: string) => expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/moderation`, headers: moderator.auth, payload: { action } })).statusCode).toBe(200);
  const falseHold = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue', headers: moderator.auth })).json<{ falseHold: FalseHold }>().falseHold;

  it('counts held comments later approved over the held ones decided in the last 30 days, beside the budget', async () => {
    expect(await falseHold()).toEqual({ rate: null, held: 0, approved: 0, budget: 0.03 });
    const [old, ...recent] = await held(5);
    await decide(old as number, 'approve');
    clock.advance(31 * 86_400_000);
    await decide(recent[0] as number, 'approve');
    await decide(recent[1] as number, 'reject');
    await decide(recent[2] as number, 'spam');
    // A published comment hidden by reports, then approved, was not held by the pipeline.
    const [reported] = await held(1, 'published');
    for (const reader of ['a', 'b', 'c', 'd', 'e']) await t.app.inject({ method: 'POST', url: `/api/v1/comments/${reported}/reports`, remoteAddress: `192.0.2.${reader.charCodeAt(0)}`, payload: { reason: 'spam' } });
    await decide(reported as number, 'approve');
    expect(await falseHold()).toEqual({ rate: 1 / 3, held: 3, approved: 1, budget: 0.03 });

    const fr = await t.app.inject({ method: 'GET', url: '/admin/moderation', headers: moderator.auth });
    expect(fr.body).toContain('Retenus à tort sur 30 jours : 33.3 % (1 approuvés sur 3 retenus décidés), budget 3.0 %');
  });

  it('is shown in English on an English site', async () => {
    const en = await createTestApp(engine, { env: { PALABRE_LOCALE: 'en' } });
    try {
      const mod = await createUserWithToken(en.deps, 'moderator');
      const page = await en.app.inject({ method: 'GET', url: '/admin/moderation', headers: mod.auth });
      expect(page.body).toContain('Held by mistake over 30 days: no held comment decided yet, budget 3.0 %');
    } finally {
      await en.close();
    }
  });
});

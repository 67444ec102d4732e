import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { readerToken } from '../../../test/support/guest-comment';

let n = 0;
const nextAddress = () => `198.51.100.${(n++ % 250) + 1}`;

// Between the toxicity model's review and hold thresholds at the default budget (measured with evaluate).
const MILD = 'Les élus sont des clowns';
const MILDER_RISKIER = 'Quel tocard ce ministre';

describe.each(DIALECTS)('false-hold budget and publish-and-review on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;

  const post = async (body: string) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: nextAddress(), payload: { body, name: 'Awa', email: `a${n}@example.test`, token: readerToken(t, article.id) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; status: string }>();
  };
  const reviewList = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?status=review', headers: moderator.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ comments: { id: number; reasons: { code: string }[]; scores: Record<string, number> }[]; counts: Record<string, number> }>();
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    article = await createArticle(t, editor.auth, { title: 'Le budget voté' });
  });
  afterAll(async () => t?.close());

  it('reads falseHoldBudget (default 0.03), saves a new one and refuses one out of 0–0.2 in French and English', async () => {
    const got = await t.app.inject({ method: 'GET', url: '/api/v1/settings/discussion', headers: editor.auth });
    expect(got.json().falseHoldBudget).toBe(0.03);
    const fr = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { falseHoldBudget: 0.5 } });
    expect(fr.statusCode).toBe(400);
    expect(fr.body).toContain('falseHoldBudget');
    const below = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { falseHoldBudget: -0.01 } });
    expect(below.statusCode).toBe(400);
    // An English-language site answers in English.
    const enApp = await createTestApp(engine, { env: { PALABRE_LOCALE: 'en' } });
    try {
      const admin = await createUserWithToken(enApp.deps, 'editor');
      const en = await enApp.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: admin.auth, payload: { falseHoldBudget: 0.5 } });
      expect(en.statusCode).toBe(400);
      expect(en.body).toContain('falseHoldBudget');
      expect(en.json().message).not.toBe(fr.json().message);
    } finally {
      await enApp.close();
    }
    const ok = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { falseHoldBudget: 0.05 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings/discussion', headers: editor.auth })).json().falseHoldBudget).toBe(0.05);
    const back = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { falseHoldBudget: 0.03 } });
    expect(back.statusCode).toBe(200);
  });

  it('answers review: true from evaluate for a doubtful comment it publishes, false for a plain one', async () => {
    const doubtful = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: moderator.auth, payload: { body: MILD } });
    expect(doubtful.json()).toMatchObject({ status: 'published', review: true });
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: moderator.auth, payload: { body: 'Merci pour cet article très clair sur le budget.' } });
    expect(plain.json()).toMatchObject({ status: 'published', review: false });
  });

  it('lists published doubtful comments riskiest first, and a decision there removes them from the list', async () => {
    const a = await post(MILD);
    const b = await post(MILDER_RISKIER);
    const plain = await post('Merci pour cet article très clair sur le budget.');
    expect([a.status, b.status, plain.status]).toEqual(['published', 'published', 'published']);
    const list = await reviewList();
    const ids = list.comments.map((c) => c.id);
    expect(ids).toEqual([b.id, a.id]);
    expect(list.comments[0]?.scores.reviewRisk).toBeGreaterThan(list.comments[1]?.scores.reviewRisk ?? 1);
    expect(list.comments[0]?.reasons.map((r) => r.code)).toContain('review');
    expect(list.counts.review).toBe(2);

    const kept = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${a.id}/moderation`, headers: moderator.auth, payload: { action: 'approve' } });
    expect(kept.json()).toMatchObject({ status: 'published' });
    const rejected = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${b.id}/moderation`, headers: moderator.auth, payload: { action: 'reject' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const after = await reviewList();
    expect(after.comments).toEqual([]);
    expect(after.counts.review).toBe(0);
  });

  it('shows the review tab on the queue page in French', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/moderation?status=review', headers: moderator.auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('À relire');
  });
});

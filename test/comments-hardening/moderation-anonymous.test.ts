import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetAddressesBefore } from '../../src/modules/comments/comment.author';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe.each(DIALECTS)('moderation queue with a comment nobody can be traced to, on %s', (engine) => {
  let t: TestApp;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    const article = await createArticle(t, editor.auth, { title: 'Un commentaire sans trace' });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { moderation: 'pre', guests: 'allowed', minSubmitSeconds: 0 } });
    // A guest without email, held for review, whose address is then forgotten (retention): no email, account or address hash.
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: '203.0.113.40', payload: { body: 'Un avis sans nom ni adresse sur la question posée.' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ status: string }>().status).toBe('pending');
    expect(await forgetAddressesBefore(t.deps, '2999-01-01T00:00:00.000Z')).toBeGreaterThan(0);
  });
  afterAll(async () => t?.close());

  it('shows /admin/moderation and the queue API to a moderator', async () => {
    const s = await sessionFor(t.deps, moderator.id);
    const page = await t.app.inject({ method: 'GET', url: '/admin/moderation', headers: s.headers });
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    expect(page.body).toContain('Un avis sans nom ni adresse');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue', headers: moderator.auth });
    expect(api.statusCode, api.body.slice(0, 500)).toBe(200);
  });
});

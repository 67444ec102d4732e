import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, type ArticleJson } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

describe.each(DIALECTS)('a reply to a comment that is not there, on %s', (engine) => {
  let t: TestApp;
  let article: ArticleJson;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    article = await createArticle(t, editor.auth, { title: 'Réponse égarée' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is refused with a 400 naming parentId, in the site’s language (French by default)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '198.51.100.77',
      payload: { body: 'Je réponds à un fantôme.', parentId: 987654, name: 'Awa', email: 'awa@example.test' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_input', message: 'parentId: le commentaire auquel vous répondez n’existe pas', field: 'parentId' });
  });
});

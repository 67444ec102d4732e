import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addImportedAuthor, getAccountByEmail } from '../../src/modules/accounts/user.service';
import { insertImportedArticle } from '../../src/modules/articles/article.import';
import { bumpArticleVersion, getArticleById, getArticleIdByFormerSlug, getArticlesByIds, listAllArticlesAfter, listPublishedArticleIds } from '../../src/modules/articles/article.read-model';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** What the articles and accounts modules offer the others instead of their repositories. */
describe.each(DIALECTS)('the articles read model and import offers on %s', (engine) => {
  let t: TestApp;
  let editor: { authorization: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = (await createUserWithToken(t.deps, 'editor')).auth;
  });
  afterAll(async () => t?.close());

  it('reads articles by id in the order asked, lists every status by id, and bumps the version', async () => {
    const draft = await createArticle(t, editor, { title: 'Brouillon lu', status: 'draft' });
    const published = await createArticle(t, editor, { title: 'Publié lu', status: 'published' });
    expect((await getArticlesByIds(t.deps, [published.id, 999_999, draft.id])).map((a) => a.id)).toEqual([published.id, draft.id]);
    const all = await listAllArticlesAfter(t.deps, draft.id - 1, 10);
    expect(all.map((a) => [a.id, a.storedStatus])).toEqual([[draft.id, 'draft'], [published.id, 'published']]);
    expect(await listPublishedArticleIds(t.deps, draft.id - 1, 10)).toEqual([published.id]);
    const before = (await getArticleById(t.deps, published.id))?.version ?? -1;
    await bumpArticleVersion(t.deps, published.id);
    expect((await getArticleById(t.deps, published.id))?.version).toBe(before + 1);
  });

  it('writes an imported article with its section, tags, byline and first revision, under a free slug', async () => {
    const authorId = await addImportedAuthor(t.deps, { email: 'plume@users.invalid', name: 'Plume' });
    expect(await getAccountByEmail(t.deps, 'plume@users.invalid')).toEqual({ id: authorId, email: 'plume@users.invalid', name: 'Plume', role: 'author' });
    const input = {
      slugWanted: 'vieux-billet',
      title: 'Vieux billet',
      summary: 'Résumé',
      body: 'Texte *importé*.',
      section: { slug: 'archives', name: 'Archives' },
      tags: [{ slug: 'histoire', name: 'Histoire' }, { slug: 'histoire', name: 'Doublon' }],
      authorIds: [authorId],
      status: 'published' as const,
      publishAt: '2019-05-01T08:00:00.000Z',
      createdAt: '2019-05-01T08:00:00.000Z',
      commentsOpen: true,
      lang: 'fr',
    };
    const first = await insertImportedArticle(t.deps, input);
    expect(first).toMatchObject({ slug: 'vieux-billet', sectionCreated: true, tagsCreated: 1 });
    const second = await insertImportedArticle(t.deps, input);
    expect(second).toMatchObject({ slug: 'vieux-billet-2', sectionCreated: false, tagsCreated: 0 });
    const a = await getArticleById(t.deps, first.id);
    expect(a).toMatchObject({ title: 'Vieux billet', section: { slug: 'archives' }, tags: [{ slug: 'histoire', name: 'Histoire' }], authors: [{ id: authorId, name: 'Plume' }], createdAt: input.createdAt });
    const revisions = await t.deps.db.selectFrom('revisions').select(['title', 'body']).where('article_id', '=', first.id).execute();
    expect(revisions).toEqual([{ title: 'Vieux billet', body: 'Texte *importé*.' }]);
    expect(await getArticleIdByFormerSlug(t.deps, 'nulle-part')).toBeUndefined();
  });
});

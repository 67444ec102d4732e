import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchIndexFor } from '../../src/modules/search/search.index';
import { indexArticles } from '../../src/modules/search/search.service';
import { createArticle, createUserWithToken } from '../support/factories';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';

describe.each(DIALECTS)("search indexing of an import's batch on %s", (engine) => {
  let t: TestApp;
  let ids: { published: number; draft: number };
  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    const published = await createArticle(t, editor.auth, { title: 'Le budget voté', body: 'Le conseil municipal a voté le budget.' });
    const draft = await createArticle(t, editor.auth, { title: 'Le budget en brouillon', body: 'Le conseil municipal votera.', status: 'draft' });
    ids = { published: published.id, draft: draft.id };
  });
  afterAll(() => t.close());

  const found = async (word: string) => (await searchIndexFor(t.deps.dialect).query(t.deps.db, { words: [word], now: t.deps.clock.now().toISOString(), offset: 0, limit: 10 })).map((h) => h.id);
  const unindex = () => Promise.all(Object.values(ids).map((id) => searchIndexFor(t.deps.dialect).remove(t.deps.db, id)));

  it('indexes the published articles of a list together and leaves drafts and missing ids out', async () => {
    await unindex();
    expect(await found('conseil')).toEqual([]);
    await indexArticles(t.deps, [ids.published, ids.draft, 999_999, ids.published]);
    expect(await found('conseil')).toEqual([ids.published]);
  });

  it("writes inside the caller's transaction: rolled back with it", async () => {
    await unindex();
    const failed = await t.deps.dialect
      .writeTransaction(t.deps.db, async (db) => {
        await indexArticles({ ...t.deps, db }, [ids.published]);
        expect(await searchIndexFor(t.deps.dialect).query(db, { words: ['conseil'], now: t.deps.clock.now().toISOString(), offset: 0, limit: 10 })).toHaveLength(1);
        throw new Error('the batch failed');
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await found('conseil')).toEqual([]);
  });
});

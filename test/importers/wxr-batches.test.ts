import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedHtmlToMarkdown } from '../../src/modules/importers/html-to-markdown';
import { summaryOf } from '../../src/modules/importers/import.summary';
import { COMMENT_BATCH, RENDER_CHUNK } from '../../src/modules/importers/wxr.comments';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';
import { COMMENT_SOURCES, FAILING_RENDER_WORKER, POST_SOURCES, renderedOnImportThread, wxrWithComments } from './wxr-variants';

const POSTS = 60;
const PER_POST = 40;

/** A WXR 1.2 file of POSTS posts with PER_POST comments each (every third a reply); `brokenAfter` cuts it with malformed XML. */
/** The content of comment `id` in the render tests: COMMENT_SOURCES in turn. */
const sourceOf = (id: number): string => COMMENT_SOURCES[id % COMMENT_SOURCES.length] ?? '';
const bigWxr = (brokenAfter?: number): string => wxrWithComments({ posts: POSTS, perPost: PER_POST, brokenAfter });

describe.each(DIALECTS)('WXR imports written in batches on %s', (engine) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-wxr-batches-'));

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async (table: 'articles' | 'comments') => Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('stops on a broken file with the committed batches written and counted, the open batch rolled back; the whole file then finishes the job without duplicates', async () => {
    const broken = join(dir, 'broken.xml');
    // 55 posts (2,200 comments) read: the first batch (2,000 comments, 50 posts) is committed, the rest rolled back.
    writeFileSync(broken, bigWxr(55));
    const err = await importWxr(t.deps, broken).then(
      () => undefined,
      (e: unknown) => e,
    );
    const summary = summaryOf(err);
    expect(summary?.failed).toMatch(/not well-formed XML/);
    expect(summary?.created).toMatchObject({ articles: 50, comments: 2000 });
    expect(summary?.warnings).toEqual(expect.arrayContaining([expect.stringContaining('rolled back')]));
    expect(await count('articles')).toBe(50);
    expect(await count('comments')).toBe(2000);
    // Committed articles are indexed for search once their batch is.
    const found = await t.app.inject({ method: 'GET', url: '/search?q=dossier50' });
    expect(found.body).toContain('Article 50');

    const whole = join(dir, 'whole.xml');
    writeFileSync(whole, bigWxr());
    const finished = await importWxr(t.deps, whole);
    expect(finished.created).toMatchObject({ articles: POSTS - 50, comments: (POSTS - 50) * PER_POST });
    expect(finished.existing).toMatchObject({ articles: 50, comments: 2000 });
    expect(await count('articles')).toBe(POSTS);
    expect(await count('comments')).toBe(POSTS * PER_POST);
    const replies = await t.deps.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(replies.n)).toBe(POSTS * 13);
    const again = await importWxr(t.deps, whole);
    expect(again.created).toEqual({});
  }, 120_000);

  it('stores every comment byte for byte as the import thread rendered it (the render worker), across chunks and batches', async () => {
    const posts = 30;
    const perPost = 70;
    // More than a batch, and a last chunk shorter than the others.
    expect(posts * perPost).toBeGreaterThan(COMMENT_BATCH);
    expect((posts * perPost) % RENDER_CHUNK).not.toBe(0);
    const file = join(dir, 'rendered.xml');
    writeFileSync(file, wxrWithComments({ posts, perPost, site: 'https://rendu.example', content: sourceOf }));
    const summary = await importWxr(t.deps, file);
    expect(summary.created).toMatchObject({ articles: posts, comments: posts * perPost });
    const rows = await t.deps.db
      .selectFrom('comments')
      .innerJoin('import_map', 'import_map.local_id', 'comments.id')
      .where('import_map.kind', '=', 'comment')
      .where('import_map.source', '=', summary.source)
      .select(['import_map.external_id', 'comments.body', 'comments.html'])
      .execute();
    expect(rows).toHaveLength(posts * perPost);
    const sorted = [...rows].sort((a, b) => Number(a.external_id) - Number(b.external_id));
    const stored = sorted.map((r) => ({ body: r.body, html: r.html }));
    expect(stored).toEqual(sorted.map((r) => renderedOnImportThread(sourceOf(Number(r.external_id)))));
  }, 120_000);

  it("stores every post's body as the import thread converted it (the render worker, a chunk ahead), posts with comments across chunks and posts without", async () => {
    const postSource = (p: number): string => POST_SOURCES[p % POST_SOURCES.length] ?? '';
    const bodies = async (source: string) => {
      const rows = await t.deps.db
        .selectFrom('articles')
        .innerJoin('import_map', 'import_map.local_id', 'articles.id')
        .where('import_map.kind', '=', 'post')
        .where('import_map.source', '=', source)
        .select(['import_map.external_id', 'articles.body'])
        .execute();
      return rows.sort((a, b) => Number(a.external_id) - Number(b.external_id)).map((r) => r.body);
    };
    // About 1 MB: the 256 KiB chunks end inside posts and comments.
    const withComments = join(dir, 'posts.xml');
    writeFileSync(withComments, wxrWithComments({ posts: 48, perPost: 30, site: 'https://posts.example', postContent: postSource }));
    const without = join(dir, 'posts-only.xml');
    writeFileSync(without, wxrWithComments({ posts: 16, perPost: 0, site: 'https://sans.example', postContent: postSource }));
    for (const [file, posts] of [
      [withComments, 48],
      [without, 16],
    ] as const) {
      const summary = await importWxr(t.deps, file);
      expect(summary.created.articles).toBe(posts);
      expect(await bodies(summary.source)).toEqual(Array.from({ length: posts }, (_, i) => importedHtmlToMarkdown(postSource(i + 1))));
    }
  }, 120_000);

  it('stops the import with its summary when the render worker fails, the open batch rolled back', async () => {
    const file = join(dir, 'failing.xml');
    writeFileSync(file, wxrWithComments({ posts: 30, perPost: 70, site: 'https://echec.example', content: sourceOf }));
    const before = { articles: await count('articles'), comments: await count('comments') };
    const err = await importWxr(t.deps, file, { renderWorker: FAILING_RENDER_WORKER }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(summaryOf(err)?.failed).toMatch(/the comment render worker failed: the render worker crashed/);
    expect(summaryOf(err)?.created).toEqual({});
    expect({ articles: await count('articles'), comments: await count('comments') }).toEqual(before);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctypeRefusedError, ImportFormatError } from '../../src/modules/importers/importer.errors';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { renderCommentMarkdown } from '../../src/web/markdown';
import { FIXTURE } from '../fixtures/make-wordpress-6.1-export.mjs';
import { DIALECTS, POSTGRES_URL } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';
import { wxrDocument } from './wxr-variants';

const FIXTURE_FILE = join(import.meta.dirname, '../fixtures/wordpress-6.1-export.xml');
const CLI = join(import.meta.dirname, '../../dist/cli.js');
const run = promisify(execFile);

/** The fixture's comments as WordPress wrote them: id → author, parent, status, GMT date. */
function fixtureComments(): Map<string, { author: string; parent: string; approved: string; date: string }> {
  const xml = readFileSync(FIXTURE_FILE, 'utf8');
  const out = new Map<string, { author: string; parent: string; approved: string; date: string }>();
  for (const m of xml.matchAll(/<wp:comment>([\s\S]*?)<\/wp:comment>/g)) {
    const block = m[1] ?? '';
    const get = (name: string) => new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</wp:${name}>`).exec(block)?.[1] ?? '';
    out.set(get('comment_id'), { author: get('comment_author'), parent: get('comment_parent'), approved: get('comment_approved'), date: get('comment_date_gmt') });
  }
  return out;
}

describe.each(DIALECTS)('importing a WordPress 6.1 export on %s', (engine) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-wxr-'));

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function importedArticleId(): Promise<number> {
    const row = await t.deps.db.selectFrom('import_map').select('local_id').where('kind', '=', 'post').where('external_id', '=', String(FIXTURE.postId)).executeTakeFirstOrThrow();
    return row.local_id ?? 0;
  }

  it('imports the article whole: 200 comments, replies under their parents, authors, 2022 dates, section and tags', async () => {
    const summary = await importWxr(t.deps, FIXTURE_FILE);
    expect(summary).toMatchObject({ format: 'wxr', version: '1.2', source: 'wxr:https://journal.example' });
    expect(summary.created).toMatchObject({ users: 1, articles: 1, sections: 1, tags: 3, comments: 200, images: 1 });
    expect(summary.warnings).toEqual([]);

    const id = await importedArticleId();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${id}` });
    expect(res.statusCode).toBe(200);
    const a = res.json<{ title: string; section: string; tags: string[]; status: string; publishedAt: string; url: string; body: string; authors: number[] }>();
    expect(a.title).toBe(FIXTURE.title);
    expect(a.section).toBe('afrique');
    expect([...a.tags].sort()).toEqual(['defense', 'mali', 'russie']);
    expect(a.status).toBe('published');
    expect(a.publishedAt).toBe('2022-03-08T09:00:00.000Z');
    expect(a.body).toContain('Sadio Camara');
    expect(a.body).not.toContain('wp:paragraph');
    const author = await t.deps.db.selectFrom('users').select(['name', 'role', 'password_hash']).where('id', '=', a.authors[0] ?? 0).executeTakeFirstOrThrow();
    expect(author).toEqual({ name: 'Amina Diallo', role: 'author', password_hash: null });
    const section = await t.deps.db.selectFrom('sections').select('name').where('slug', '=', 'afrique').executeTakeFirstOrThrow();
    expect(section.name).toBe('Afrique');
    const tagNames = await t.deps.db.selectFrom('tags').select('name').orderBy('slug').execute();
    expect(tagNames.map((x) => x.name)).toEqual(['Défense', 'Mali', 'Russie']);

    const expected = fixtureComments();
    const rows = await t.deps.db
      .selectFrom('comments')
      .innerJoin('import_map', (j) => j.onRef('import_map.local_id', '=', 'comments.id').on('import_map.kind', '=', 'comment'))
      .select(['comments.id', 'comments.parent_id', 'comments.author_name', 'comments.author_email', 'comments.ip_hash', 'comments.status', 'comments.created_at', 'import_map.external_id'])
      .where('comments.article_id', '=', id)
      .execute();
    expect(rows).toHaveLength(200);
    const localOf = new Map(rows.map((r) => [r.external_id, r.id]));
    const STATUS: Record<string, string> = { '1': 'published', '0': 'pending', trash: 'rejected' };
    let replies = 0;
    for (const r of rows) {
      const wp = expected.get(r.external_id);
      expect(wp, r.external_id).toBeDefined();
      if (!wp) continue;
      expect(r.author_name).toBe(wp.author);
      expect(r.created_at).toBe(`${wp.date.replace(' ', 'T')}.000Z`);
      expect(r.created_at.startsWith('2022-03-')).toBe(true);
      expect(r.status).toBe(STATUS[wp.approved]);
      expect(r.ip_hash).toMatch(/^[A-Za-z0-9_-]{32}$/);
      if (wp.parent !== '0') {
        replies += 1;
        expect(r.parent_id).toBe(localOf.get(wp.parent));
      } else expect(r.parent_id).toBeNull();
    }
    expect(replies).toBe(61);
    // Addresses are kept only as HMACs.
    const dump = JSON.stringify(await t.deps.db.selectFrom('comments').selectAll().execute());
    expect(dump).not.toContain('198.51.100.');
    const image = await t.deps.db.selectFrom('imported_images').select('url').where('article_id', '=', id).executeTakeFirstOrThrow();
    expect(image.url).toBe('https://journal.example/wp-content/uploads/2022/03/bamako.jpg');
  });

  it('answers the old permalink and the ?p= short link with 301 to the new page', async () => {
    const id = await importedArticleId();
    const a = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${id}` })).json<{ url: string }>();
    const target = new URL(a.url).pathname;
    expect(target).toBe(`/afrique/${FIXTURE.slug}`);
    for (const old of [`/2022/03/08/${FIXTURE.slug}/`, `/2022/03/08/${FIXTURE.slug}`, `/?p=${FIXTURE.postId}`]) {
      const res = await t.app.inject({ method: 'GET', url: old });
      expect(res.statusCode, old).toBe(301);
      expect(res.headers.location).toBe(target);
    }
    const page = await t.app.inject({ method: 'GET', url: target });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Amina Diallo');
    expect((await t.app.inject({ method: 'GET', url: '/2022/03/08/nothing-here/' })).statusCode).toBe(404);
  });

  it('creates nothing twice when the same file is imported again', async () => {
    const before = await counts(t);
    const summary = await importWxr(t.deps, FIXTURE_FILE);
    expect(summary.created).toEqual({});
    expect(summary.existing).toMatchObject({ users: 1, articles: 1, comments: 200 });
    expect(await counts(t)).toEqual(before);
  });

  it('reads WXR 1.0 and 1.1 (other namespace URIs), maps statuses, turns bare line breaks into paragraphs', async () => {
    for (const version of ['1.0', '1.1'] as const) {
      const file = join(dir, `v${version}.xml`);
      writeFileSync(file, wxrDocument(version));
      const summary = await importWxr(t.deps, file);
      expect(summary.version).toBe(version);
      expect(summary.created).toMatchObject({ articles: 3, comments: 3 });
      expect(summary.skipped).toMatchObject({ nav_menu_item: 1, pingback: 1 });
      const rows = await t.deps.db.selectFrom('articles').select(['slug', 'status', 'publish_at', 'body']).where('slug', 'like', `v${version.replace('.', '')}-%`).orderBy('slug').execute();
      const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
      expect(bySlug[`v${version.replace('.', '')}-classic`]?.body).toBe('Premier paragraphe,  \nsur deux lignes.\n\nSecond paragraphe.');
      expect(bySlug[`v${version.replace('.', '')}-classic`]?.status).toBe('published');
      expect(bySlug[`v${version.replace('.', '')}-private`]?.status).toBe('draft');
      expect(bySlug[`v${version.replace('.', '')}-future`]).toMatchObject({ status: 'published', publish_at: '2031-01-01T08:00:00.000Z' });
      const statuses = await t.deps.db
        .selectFrom('comments')
        .innerJoin('articles', 'articles.id', 'comments.article_id')
        .select(['comments.status', 'comments.body'])
        .where('articles.slug', '=', `v${version.replace('.', '')}-classic`)
        .orderBy('comments.id')
        .execute();
      expect(statuses.map((s) => s.status)).toEqual(['published', 'spam', 'pending']);
      expect(statuses[0]?.body).not.toContain('<script');
    }
  });

  it('refuses a DOCTYPE and malformed files with a clear error, writing nothing', async () => {
    const before = await counts(t);
    const bomb = join(dir, 'bomb.xml');
    writeFileSync(bomb, '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<rss><channel><title>&b;</title></channel></rss>');
    await expect(importWxr(t.deps, bomb)).rejects.toBeInstanceOf(DoctypeRefusedError);
    const html = join(dir, 'page.xml');
    writeFileSync(html, '<html><body>hello</body></html>');
    await expect(importWxr(t.deps, html)).rejects.toThrow(/not a WordPress export/);
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, wxrDocument('1.1').slice(0, 2500));
    await expect(importWxr(t.deps, broken)).rejects.toBeInstanceOf(ImportFormatError);
    const rss = join(dir, 'rss.xml');
    writeFileSync(rss, '<rss version="2.0"><channel><title>Blog</title><item><title>x</title></item></channel></rss>');
    await expect(importWxr(t.deps, rss)).rejects.toThrow(/no <wp:wxr_version>/);
    expect(await counts(t)).toEqual(before);
  });

  it('runs from the command line: progress to stderr only on a terminal, the JSON summary as the last line', async () => {
    const fresh = await createTestApp(engine);
    try {
      const url = engine === 'sqlite' ? `sqlite:${fresh.deps.database.location}` : `${POSTGRES_URL}?schema=${fresh.deps.database.schema ?? ''}`;
      const env = { ...process.env, DATABASE_URL: url, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' };
      const { stdout } = await run(process.execPath, [CLI, 'import', 'wxr', FIXTURE_FILE], { env });
      const last = stdout.trim().split('\n').pop() ?? '';
      expect(JSON.parse(last)).toMatchObject({ format: 'wxr', created: { articles: 1, comments: 200 } });
      // Rendered by the bundle's worker (dist/import-render-worker.js) exactly as on the import's thread.
      const stored = await fresh.deps.db.selectFrom('comments').select(['body', 'html']).execute();
      expect(stored).toHaveLength(200);
      expect(stored.map((c) => c.html)).toEqual(stored.map((c) => renderCommentMarkdown(c.body)));
      const failed = await run(process.execPath, [CLI, 'import', 'wxr', join(dir, 'missing.xml')], { env }).then(
        () => undefined,
        (e: unknown) => e as { code: number; stderr: string },
      );
      expect(failed?.code).not.toBe(0);
      expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
      expect(failed?.stderr).toContain('no such file');
    } finally {
      await fresh.close();
    }
    // Child processes load the whole bundle: give them time on a busy machine.
  }, 180_000);
});

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['users', 'articles', 'comments', 'sections', 'tags', 'legacy_urls', 'revisions'] as const) {
    // PostgreSQL counts as bigint, which pg returns as a string.
    const r = await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

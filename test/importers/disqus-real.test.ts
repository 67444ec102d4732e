import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDisqus } from '../../src/modules/importers/disqus.service';
import { insertLegacyUrl } from '../../src/modules/importers/import.repository';
import { summaryOf } from '../../src/modules/importers/import.summary';
import { ImportFormatError } from '../../src/modules/importers/importer.errors';
import { DIALECTS, POSTGRES_URL } from '../support/dialects';
import { createArticle, createSection, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const DEFECTS = join(import.meta.dirname, '../fixtures/disqus/disqus-remark42-defects.xml');
const CLI = join(import.meta.dirname, '../../dist/cli.js');
const run = promisify(execFile);

/** A well-formed Disqus export of `posts` posts on one thread, cut after `cutAfter` posts when given (a broken download). */
function bigDisqus(link: string, posts: number, cutAfter?: number): string {
  let xml = `<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n<thread dsq:id="1"><id /><forum>gros</forum><link>${link}</link><title>Gros fil</title><message /><createdAt>2020-01-01T00:00:00Z</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n`;
  for (let i = 1; i <= posts; i++) {
    if (cutAfter !== undefined && i > cutAfter) return `${xml}<post dsq:id="${i}"><message><![CDATA[coupé`;
    xml += `<post dsq:id="${i}"><id /><message><![CDATA[<p>Message ${i}</p>]]></message><createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>l${i}@example.test</email><name>Lecteur ${i}</name><isAnonymous>true</isAnonymous></author><ipAddress>192.0.2.1</ipAddress><thread dsq:id="1" />${i > 1 && i % 4 === 0 ? `<parent dsq:id="${i - 1}" />` : ''}</post>\n`;
  }
  return `${xml}</disqus>\n`;
}

describe.each(DIALECTS)('real-world Disqus exports on %s', (engine) => {
  let t: TestApp;
  let marche: number;
  let pluies: number;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-disqus-real-'));

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    await createSection(t, editor.auth, 'Économie');
    marche = (await createArticle(t, editor.auth, { section: 'economie', title: 'Le marché de Bamako' })).id;
    pluies = (await createArticle(t, editor.auth, { section: 'economie', title: 'Les pluies' })).id;
    // WordPress's short link of the article, recorded by an earlier WXR import.
    await insertLegacyUrl(t.deps.db, '/?p=77', pluies);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const comment = async (externalId: string) => {
    const r = await sql<{ id: number; article_id: number; parent_id: number | null; status: string; author_url: string | null }>`
      select c.id, c.article_id, c.parent_id, c.status, c.author_url from comments c
      join import_map m on m.local_id = c.id and m.kind = 'comment' and m.source = 'disqus:vieux-journal'
      where m.external_id = ${externalId}`.execute(t.deps.db);
    return r.rows[0];
  };

  it('refuses the malformed file by default, naming the place, writing nothing', async () => {
    const err = await importDisqus(t.deps, DEFECTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(/not well-formed XML at disqus-remark42-defects\.xml:2:2: text data outside of root node/);
    expect(summaryOf(err)?.created).toEqual({});
    const n = await t.deps.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('tolerant, with --create-articles: every live comment attached and threaded, nothing deleted public, each case counted', async () => {
    const summary = await importDisqus(t.deps, DEFECTS, { tolerant: true, createArticles: true });
    expect(summary.created).toEqual({ 'threads matched': 2, redirects: 2, articles: 2, 'articles (home page thread)': 1, comments: 9 });
    expect(summary.skipped).toEqual({ 'XML errors repaired': 2, 'deleted threads (their posts kept as deleted)': 1, 'posts of unknown threads': 1 });
    expect(summary.drafted).toEqual({ 'deleted thread': 1 });
    expect(summary.warnings).toEqual([
      'malformed XML, read in tolerant mode: line 2, column 2: text data outside of root node.',
      'malformed XML, read in tolerant mode: line 8, column 16: unquoted attribute value.',
    ]);
    // Matched by the old permalink's slug, and by the WordPress plugin's identifier (post 77).
    expect((await comment('6001'))?.article_id).toBe(marche);
    expect((await comment('6009'))?.article_id).toBe(pluies);
    expect((await comment('6001'))?.author_url).toBe('https://fatou.example/');
    expect((await comment('6002'))?.parent_id).toBe((await comment('6001'))?.id);
    expect((await comment('6003'))?.parent_id).toBe((await comment('6002'))?.id);
    expect((await comment('6004'))?.status).toBe('spam');
    expect((await comment('6005'))?.status).toBe('deleted');
    expect((await comment('6007'))?.status).toBe('deleted');
    const created = await t.deps.db.selectFrom('articles').select(['id', 'slug', 'title', 'status', 'publish_at', 'comments_open']).where('id', 'not in', [marche, pluies]).orderBy('id').execute();
    expect(created).toEqual([
      expect.objectContaining({ slug: 'un-article-disparu', title: 'Un article disparu', status: 'published', publish_at: '2019-06-02T08:00:00.000Z', comments_open: 1 }),
      expect.objectContaining({ slug: 'retire', title: 'Un article retiré', status: 'draft', publish_at: null }),
      expect.objectContaining({ slug: 'le-vieux-journal-accueil', title: 'Le Vieux Journal — accueil', status: 'published' }),
    ]);
    const old = await t.app.inject({ method: 'GET', url: '/2019/06/02/un-article-disparu/' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/a/un-article-disparu');
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${created[0]?.id ?? 0}/comments` });
    expect(listed.json<{ comments: { body: string }[] }>().comments.map((c) => c.body)).toEqual(['Où est passé cet article ?']);
    const page = await t.app.inject({ method: 'GET', url: '/economie/le-marche-de-bamako' });
    expect(page.body).toContain('Merci Fatou.');
    expect(page.body).not.toContain('Achetez des montres');
    expect(page.body).not.toContain('Message retiré');
    expect((await t.app.inject({ method: 'GET', url: '/a/retire' })).statusCode).toBe(404);
  });

  it('runs again without duplicates; without --create-articles, unmatched threads are listed by URL', async () => {
    const again = await importDisqus(t.deps, DEFECTS, { tolerant: true, createArticles: true });
    expect(again.created).toEqual({});
    expect(again.existing).toEqual({ threads: 5, comments: 9 });
    const fresh = await createTestApp(engine);
    try {
      const summary = await importDisqus(fresh.deps, DEFECTS, { tolerant: true });
      expect(summary.unmatched).toEqual(['https://old.example/2019/05/01/le-marche-de-bamako/', 'https://old.example/2019/06/02/un-article-disparu/', 'https://old.example/2019/07/03/retire/', 'https://old.example/', 'https://old.example/ancienne-adresse-77/']);
      expect(summary.skipped).toMatchObject({ 'threads without a matching article': 4, 'threads on the home page': 1, 'posts of unmatched threads': 9, 'posts of unknown threads': 1 });
      expect(summary.created).toEqual({});
    } finally {
      await fresh.close();
    }
  });

  it('a file that breaks part way: what was read is written and said (JSON on stdout, exit code 1); the whole file then finishes the job', async () => {
    const fresh = await createTestApp(engine);
    try {
      const editor = await createUserWithToken(fresh.deps, 'editor');
      const a = await createArticle(fresh, editor.auth, { title: 'Gros fil' });
      const link = `https://old.example/a/${a.slug}`;
      const broken = join(dir, `broken-${engine}.xml`);
      writeFileSync(broken, bigDisqus(link, 2000, 1800));
      const url = engine === 'sqlite' ? `sqlite:${fresh.deps.database.location}` : `${POSTGRES_URL}?schema=${fresh.deps.database.schema ?? ''}`;
      const env = { ...process.env, DATABASE_URL: url, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' };
      const failed = await run(process.execPath, [CLI, 'import', 'disqus', broken], { env }).then(
        () => undefined,
        (e: unknown) => e as { code: number; stdout: string; stderr: string },
      );
      expect(failed?.code).toBe(1);
      const summary = JSON.parse(failed?.stdout.trim().split('\n').pop() ?? '{}') as { created: Record<string, number>; failed: string };
      expect(summary.created).toEqual({ 'threads matched': 1, comments: 1800 });
      expect(summary.failed).toMatch(/not well-formed XML/);
      expect(failed?.stderr).toMatch(/^palabre: import stopped: not well-formed XML.*running the same command again finishes the job without duplicates\n$/);
      const count = async () => Number((await fresh.deps.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count()).toBe(1800);
      const whole = join(dir, `whole-${engine}.xml`);
      writeFileSync(whole, bigDisqus(link, 2000));
      const finished = await importDisqus(fresh.deps, whole);
      expect(finished.created).toEqual({ comments: 200 });
      expect(finished.existing).toEqual({ threads: 1, comments: 1800 });
      expect(await count()).toBe(2000);
      const replies = await fresh.deps.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', 'is not', null).executeTakeFirstOrThrow();
      expect(Number(replies.n)).toBe(500);
    } finally {
      await fresh.close();
    }
    // A child process loads the whole bundle: give it time on a busy machine.
  }, 180_000);
});

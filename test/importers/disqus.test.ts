import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDisqus } from '../../src/modules/importers/disqus.service';
import { DoctypeRefusedError } from '../../src/modules/importers/importer.errors';
import { DIALECTS } from '../support/dialects';
import { createArticle, createSection, createUserWithToken, type ArticleJson } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

function post(id: number, thread: number, opts: { parent?: number; spam?: boolean; deleted?: boolean; name?: string; message?: string } = {}): string {
  return `<post dsq:id="${id}"><id /><message><![CDATA[${opts.message ?? `<p>Message ${id}</p>`}]]></message><createdAt>2019-05-0${(id % 9) + 1}T10:00:00Z</createdAt><isDeleted>${opts.deleted ? 'true' : 'false'}</isDeleted><isSpam>${opts.spam ? 'true' : 'false'}</isSpam><author><email>p${id}@disqus.example</email><name>${opts.name ?? `Auteur ${id}`}</name><isAnonymous>true</isAnonymous></author><ipAddress>198.51.100.${id % 200}</ipAddress><thread dsq:id="${thread}" />${opts.parent ? `<parent dsq:id="${opts.parent}" />` : ''}</post>`;
}

/** A Disqus export as Disqus writes it: categories, threads, then posts (a reply may come before its parent). */
function disqusXml(articleUrl: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://disqus.com/api/schemas/1.0/disqus.xsd http://disqus.com/api/schemas/1.0/disqus-internals.xsd">
<category dsq:id="1"><forum>journal</forum><title>General</title><isDefault>true</isDefault></category>
<thread dsq:id="10"><id>article-1</id><forum>journal</forum><category dsq:id="1" /><link>${articleUrl}</link><title>Article</title><message /><createdAt>2019-05-01T09:00:00Z</createdAt><author><email>admin@journal.example</email><name>Admin</name><isAnonymous>false</isAnonymous><username>admin</username></author><ipAddress>127.0.0.1</ipAddress><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>
<thread dsq:id="11"><id /><forum>journal</forum><category dsq:id="1" /><link>http://old.example/page-disparue/</link><title>Ailleurs</title><message /><createdAt>2019-05-01T09:00:00Z</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>
${post(101, 10)}${post(102, 10, { parent: 101 })}${post(103, 10, { spam: true })}${post(104, 10, { deleted: true })}${post(105, 10, { parent: 106 })}${post(106, 10, { name: 'Parent tardif' })}${post(107, 11)}
</disqus>`;
}

describe.each(DIALECTS)('importing a Disqus export on %s', (engine) => {
  let t: TestApp;
  let article: ArticleJson;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-disqus-'));

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    await createSection(t, editor.auth, 'Monde');
    article = await createArticle(t, editor.auth, { section: 'monde', title: 'Un article commenté sur Disqus' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('attaches threads by URL, keeps parents, spam and deleted flags, skips what matches no article', async () => {
    const file = join(dir, 'disqus.xml');
    // The thread was recorded under the old domain: only the path has to match.
    writeFileSync(file, disqusXml(`https://www.ancien-domaine.example${new URL(article.url).pathname}/`));
    const summary = await importDisqus(t.deps, file);
    expect(summary.source).toBe('disqus:journal');
    expect(summary.created).toMatchObject({ 'threads matched': 1, comments: 6 });
    expect(summary.skipped).toMatchObject({ 'threads without a matching article': 1, 'posts of unmatched threads': 1 });
    const rows = await t.deps.db
      .selectFrom('comments')
      .innerJoin('import_map', (j) => j.onRef('import_map.local_id', '=', 'comments.id').on('import_map.kind', '=', 'comment'))
      .select(['comments.id', 'comments.article_id', 'comments.parent_id', 'comments.status', 'comments.reasons', 'comments.author_name', 'comments.body', 'import_map.external_id'])
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(rows.every((r) => r.article_id === article.id)).toBe(true);
    expect(by['101']?.status).toBe('published');
    expect(by['101']?.body).toBe('Message 101');
    expect(by['102']?.parent_id).toBe(by['101']?.id);
    expect(by['103']?.status).toBe('spam');
    expect(by['104']?.status).toBe('deleted');
    expect(JSON.parse(by['104']?.reasons ?? '[]')).toEqual([{ code: 'imported', detail: 'disqus isDeleted' }]);
    expect(by['105']?.parent_id).toBe(by['106']?.id);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` });
    const names = api.json<{ comments: { author: { name: string } }[] }>().comments.map((c) => c.author.name);
    expect(names).toEqual(expect.arrayContaining(['Auteur 101', 'Auteur 102', 'Parent tardif']));
    expect(names).not.toContain('Auteur 103');
    expect(names).not.toContain('Auteur 104');
  });

  it('creates nothing twice on a second import, and refuses a DOCTYPE', async () => {
    const file = join(dir, 'disqus.xml');
    const summary = await importDisqus(t.deps, file);
    expect(summary.created.comments ?? 0).toBe(0);
    expect(summary.existing).toMatchObject({ comments: 6 });
    const bomb = join(dir, 'bomb.xml');
    writeFileSync(bomb, '<?xml version="1.0"?><!DOCTYPE disqus SYSTEM "file:///etc/passwd"><disqus></disqus>');
    await expect(importDisqus(t.deps, bomb)).rejects.toBeInstanceOf(DoctypeRefusedError);
  });
});

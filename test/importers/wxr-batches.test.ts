import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryOf } from '../../src/modules/importers/import.summary';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';

const POSTS = 60;
const PER_POST = 40;

/** A WXR 1.2 file of POSTS posts with PER_POST comments each (every third a reply); `brokenAfter` cuts it with malformed XML. */
function bigWxr(brokenAfter?: number): string {
  const items: string[] = [];
  let id = 0;
  for (let p = 1; p <= POSTS; p++) {
    if (brokenAfter !== undefined && p > brokenAfter) {
      items.push('<item><title>Cassé</title><wp:post_id>9999</wp:post_id><oops attr=unquoted></item>');
      break;
    }
    const first = id + 1;
    let comments = '';
    for (let c = 0; c < PER_POST; c++) {
      id += 1;
      const parent = c > 0 && c % 3 === 0 ? first + Math.floor(c / 2) : 0;
      comments += `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Lecteur ${id}]]></wp:comment_author><wp:comment_author_email>l${id}@old.example</wp:comment_author_email><wp:comment_author_IP>198.51.100.${id % 250}</wp:comment_author_IP><wp:comment_date>2022-03-08 10:00:00</wp:comment_date><wp:comment_date_gmt>2022-03-08 09:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Commentaire ${id}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
    }
    items.push(
      `<item><title>Article ${p}</title><link>https://old.example/article-${p}/</link><dc:creator>redac</dc:creator><guid isPermaLink="false">https://old.example/?p=${p}</guid><content:encoded><![CDATA[<p>Texte ${p}, dossier${p}.</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${p}</wp:post_id><wp:post_date>2022-03-08 10:00:00</wp:post_date><wp:post_date_gmt>2022-03-08 09:00:00</wp:post_date_gmt><wp:post_name>article-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${comments}</item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Ancien site</title><link>https://old.example</link><language>fr-FR</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>redac</wp:author_login><wp:author_email>redac@old.example</wp:author_email><wp:author_display_name><![CDATA[Rédaction]]></wp:author_display_name></wp:author>
${items.join('\n')}
</channel></rss>
`;
}

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
});

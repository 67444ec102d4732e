import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';

const POSTS = 60;
const PER_POST = 40;

/**
 * Posts filed under three sections (rubrique-0 exists before the import) with a tag of five
 * (tag-1 exists before), a tag they all share, and that shared tag written twice in the first
 * post; 40 comments each, so that the import commits a first batch (50 posts) and writes the
 * last ten posts in a second transaction.
 */
function termsWxr(): string {
  const site = 'https://termes.example';
  const items: string[] = [];
  let id = 0;
  for (let p = 1; p <= POSTS; p++) {
    let comments = '';
    for (let c = 0; c < PER_POST; c++) {
      id += 1;
      comments += `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Lecteur ${id}</wp:comment_author><wp:comment_author_email>l${id}@termes.example</wp:comment_author_email><wp:comment_date_gmt>2022-03-08 09:00:00</wp:comment_date_gmt><wp:comment_content>Commentaire ${id}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
    }
    const shared = '<category domain="post_tag" nicename="commun"><![CDATA[Commun]]></category>';
    items.push(
      `<item><title>Article ${p}</title><link>${site}/article-${p}/</link><dc:creator>redac</dc:creator><guid isPermaLink="false">${site}/?p=${p}</guid><content:encoded><![CDATA[<p>Texte ${p}.</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${p}</wp:post_id><wp:post_date_gmt>2022-03-08 09:00:00</wp:post_date_gmt><wp:post_name>article-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="rubrique-${p % 3}"><![CDATA[Rubrique ${p % 3}]]></category><category domain="post_tag" nicename="tag-${p % 5}"><![CDATA[Tag ${p % 5}]]></category>${shared}${p === 1 ? shared : ''}${comments}</item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Termes</title><link>${site}</link><language>fr-FR</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${site}</wp:base_site_url><wp:base_blog_url>${site}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>redac</wp:author_login><wp:author_email>redac@termes.example</wp:author_email><wp:author_display_name>Rédaction</wp:author_display_name></wp:author>
${items.join('\n')}
</channel></rss>
`;
}

describe.each(DIALECTS)('sections and tags of a WXR import on %s', (engine) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-wxr-terms-'));

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates each section and tag once, across posts and batches, finds those already there, and creates nothing on a second run', async () => {
    const db = t.deps.db;
    const before = await db.insertInto('sections').values({ slug: 'rubrique-0', name: 'Déjà là', created_at: '2021-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
    const tagBefore = await db.insertInto('tags').values({ slug: 'tag-1', name: 'Tag déjà là' }).returning('id').executeTakeFirstOrThrow();
    const file = join(dir, 'terms.xml');
    writeFileSync(file, termsWxr());

    const summary = await importWxr(t.deps, file);
    expect(summary.created).toMatchObject({ articles: POSTS, comments: POSTS * PER_POST, sections: 2, tags: 5, redirects: POSTS * 2 });

    const sections = await db.selectFrom('sections').select(['id', 'slug', 'name']).orderBy('slug').execute();
    expect(sections.map((s) => [s.slug, s.name])).toEqual([
      ['rubrique-0', 'Déjà là'],
      ['rubrique-1', 'Rubrique 1'],
      ['rubrique-2', 'Rubrique 2'],
    ]);
    expect(sections[0]?.id).toBe(before.id);
    const tags = await db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('slug').execute();
    expect(tags.map((x) => x.slug)).toEqual(['commun', 'tag-0', 'tag-1', 'tag-2', 'tag-3', 'tag-4']);
    expect(tags.find((x) => x.slug === 'tag-1')).toEqual({ id: tagBefore.id, slug: 'tag-1', name: 'Tag déjà là' });

    // Every article in its section, with its two tags (the first post's shared tag once), its byline and two old URLs.
    const rows = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .orderBy('articles.id')
      .execute();
    expect(rows).toHaveLength(POSTS);
    const tagRows = await db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(['article_tags.article_id', 'tags.slug']).execute();
    const authorRows = await db.selectFrom('article_authors').select(['article_id', 'position']).execute();
    const urls = await db.selectFrom('legacy_urls').select('article_id').execute();
    rows.forEach((r, i) => {
      const p = i + 1;
      expect(r.slug).toBe(`article-${p}`);
      expect(r.section).toBe(`rubrique-${p % 3}`);
      expect(tagRows.filter((x) => x.article_id === r.id).map((x) => x.slug).sort()).toEqual(['commun', `tag-${p % 5}`].sort());
      expect(authorRows.filter((x) => x.article_id === r.id)).toEqual([{ article_id: r.id, position: 0 }]);
      expect(urls.filter((x) => x.article_id === r.id)).toHaveLength(2);
    });

    const again = await importWxr(t.deps, file);
    expect(again.created).toEqual({});
    expect(again.existing).toMatchObject({ articles: POSTS, comments: POSTS * PER_POST });
    expect(await db.selectFrom('sections').select('id').execute()).toHaveLength(3);
    expect(await db.selectFrom('tags').select('id').execute()).toHaveLength(6);
    expect(await db.selectFrom('article_tags').select('tag_id').execute()).toHaveLength(POSTS * 2);
    expect(await db.selectFrom('legacy_urls').select('path').execute()).toHaveLength(POSTS * 2);
  }, 120_000);
});

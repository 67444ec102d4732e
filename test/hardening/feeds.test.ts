import { parseFeed } from '@rowanmanning/feed-parser';
import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceArticleAuthors } from '../../src/modules/articles/article.repository';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';

const TITLE = 'Un <b>gras</b> & « cité » <mot>';
const SUMMARY = 'Le texte entre a <mot> b reste, <img src=x onerror=alert(1)> aussi.';

describe.each(DIALECTS)('feeds read by a real feed parser on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-03-08T10:00:00.000Z'));

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
  });
  afterAll(async () => t?.close());

  it('answers /news-sitemap.xml with an empty, valid sitemap when nothing was published in 48 hours', async () => {
    const body = await get('/news-sitemap.xml');
    expect(body).toContain('<urlset');
    expect(body).not.toContain('<url>');
  });

  it('gives titles and summaries as text in RSS, Atom and JSON Feed, nothing lost between < and >', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    await createArticle(t, editor.auth, { title: TITLE, summary: SUMMARY, body: 'Corps **gras**.' });
    for (const url of ['/feed.xml', '/atom.xml']) {
      const feed = parseFeed(await get(url));
      const item = feed.items[0];
      // Both fields are HTML in these formats (Atom type="html"): decoded as HTML, they are the text as written.
      expect(decodeHTML(item?.title ?? ''), url).toBe(TITLE);
      expect(decodeHTML(item?.description ?? ''), url).toBe(SUMMARY);
    }
    // As the XML says it (before any HTML decoding), no tag is left for a reader to render.
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    const rssItem = xml.parse(await get('/feed.xml')).rss.channel.item as { title: string; description: string };
    const atomEntry = xml.parse(await get('/atom.xml')).feed.entry as { title: { '#text': string }; summary: { '#text': string } };
    for (const html of [rssItem.title, rssItem.description, atomEntry.title['#text'], atomEntry.summary['#text']]) {
      expect(html).not.toMatch(/<(img|b|mot)\b/);
      expect(html).toContain('&lt;');
    }
    const atom = await get('/atom.xml');
    expect(atom).toContain('<title type="html">');
    const json = JSON.parse(await get('/feed.json')) as { items: Record<string, unknown>[] };
    expect(json.items[0]).toMatchObject({ title: TITLE, summary: SUMMARY, content_text: SUMMARY });
    expect(json.items[0]).not.toHaveProperty('content_html');
    const full = JSON.parse(await get('/feed.json?full=1')) as { items: Record<string, unknown>[] };
    expect(full.items[0]?.content_html).toContain('<strong>gras</strong>');
    expect(full.items[0]).not.toHaveProperty('content_text');
  });

  it('serves every feed of an article that has no author left', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const orphan = await createArticle(t, editor.auth, { title: 'Sans auteur' });
    await replaceArticleAuthors(t.deps.db, orphan.id, []);
    await t.deps.cache.invalidate(['lists']);
    const json = JSON.parse(await get('/feed.json')) as { items: Record<string, unknown>[] };
    const item = json.items.find((i) => i.title === 'Sans auteur');
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('authors');
    for (const url of ['/feed.xml', '/atom.xml']) expect(parseFeed(await get(url)).items.map((i) => i.title)).toContain('Sans auteur');
  });
});

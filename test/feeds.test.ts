import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSitemap } from '../src/modules/feeds/sitemap.service';
import { DIALECTS } from './support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf, type ArticleJson } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';
import { wellFormed } from './support/xml';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'author', 'category'].includes(name) });
const asArray = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** What these tests read of the feeds and sitemaps, as fast-xml-parser gives it (repeated elements always arrays). */
type XmlText = string | { '#text': string };
interface RssItem {
  title: string;
  link: string;
  pubDate: string;
  description: string;
  guid: { '#text': string; '@isPermaLink': string };
  'content:encoded'?: string;
}
interface AtomEntry {
  title: XmlText;
  published: string;
  author: { name: string }[];
}
interface UrlEntry {
  loc: string;
  'news:news': { 'news:publication': { 'news:name': string }; 'news:publication_date': string };
}
interface XmlDocument {
  rss: { channel: { item: RssItem[]; language: string } };
  feed: { entry: AtomEntry[] };
  urlset: { url: UrlEntry[]; '@xmlns:news'?: string };
  sitemapindex: { sitemap: { loc: string }[] };
}
/** The i-th element, which the test requires to be there. */
function nth<T>(list: readonly T[] | undefined, i: number): T {
  const value = list?.[i];
  if (value === undefined) throw new Error(`no element ${i} in ${JSON.stringify(list)?.slice(0, 200)}`);
  return value;
}
const textOf = (t: XmlText): string => (typeof t === 'string' ? t : t['#text']);

function parseXml(body: string): XmlDocument {
  expect(wellFormed(body)).toBe(true);
  return parser.parse(body) as XmlDocument;
}

describe.each(DIALECTS)('feeds, sitemaps and structured data on %s', (engine) => {
  let t: TestApp;
  let auth: { authorization: string };
  let authorId: number;
  let story: ArticleJson;
  let sport: ArticleJson;
  let draft: ArticleJson;
  let scheduled: ArticleJson;
  let old: ArticleJson;
  const clock = fakeClock(new Date('2026-03-08T10:00:00.000Z'));

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    const editor = await createUserWithToken(t.deps, 'editor', 'Aminata Traoré');
    auth = editor.auth;
    authorId = editor.id;
    await createSection(t, auth, 'Afrique');
    await createSection(t, auth, 'Sport');
    old = await createArticle(t, auth, { title: 'Une vieille histoire', section: 'afrique', tags: ['Mali'], publishAt: '2026-01-01T08:00:00.000Z' });
    story = await createArticle(t, auth, {
      title: 'Le ministre de la Défense </script><script>alert(1)</script> en Russie',
      summary: 'Visite discrète & remarquée.',
      body: 'Le **ministre** est arrivé.',
      section: 'afrique',
      tags: ['Mali', 'Russie'],
      publishAt: '2026-03-08T09:00:00.000Z',
    });
    sport = await createArticle(t, auth, { title: 'Le marathon de Bamako', section: 'sport', tags: ['Mali'], publishAt: '2026-03-07T09:00:00.000Z' });
    draft = await createArticle(t, auth, { title: 'Brouillon secret', section: 'afrique', tags: ['Mali'], status: 'draft' });
    scheduled = await createArticle(t, auth, { title: 'Programmé pour demain', section: 'afrique', tags: ['Mali'], status: 'scheduled', publishAt: '2026-03-09T09:00:00.000Z' });
  });
  afterAll(async () => t?.close());

  it('serves the site as RSS 2.0, Atom and JSON Feed 1.1 with the published articles only', async () => {
    const rss = await get('/feed.xml');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    const channel = parseXml(rss.body).rss.channel;
    // RSS titles and descriptions are read as HTML: the text comes back once decoded.
    const titles = asArray(channel.item).map((i) => decodeHTML(i.title));
    expect(titles).toEqual([story.title, sport.title, old.title]);
    const first = nth(channel.item, 0);
    expect(first.link).toBe(story.url);
    expect(new Date(first.pubDate).toISOString()).toBe('2026-03-08T09:00:00.000Z');
    expect(decodeHTML(first.description)).toBe('Visite discrète & remarquée.');
    expect(first.guid['@isPermaLink']).toBe('false');
    expect(channel.language).toBe('fr');

    const atom = await get('/atom.xml');
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    const feed = parseXml(atom.body).feed;
    expect(asArray(feed.entry).map((e) => decodeHTML(textOf(e.title)))).toEqual(titles);
    expect(nth(feed.entry, 0).published).toBe('2026-03-08T09:00:00.000Z');
    expect(nth(nth(feed.entry, 0).author, 0).name).toBe('Aminata Traoré');

    const json = await get('/feed.json');
    expect(json.headers['content-type']).toContain('application/feed+json');
    const jf = json.json();
    expect(jf.version).toBe('https://jsonfeed.org/version/1.1');
    expect(jf.items.map((i: { title: string }) => i.title)).toEqual(titles);
    expect(jf.items[0].authors).toEqual([{ name: 'Aminata Traoré', url: `http://localhost:3000/author/${authorId}` }]);
    expect(jf.items[0].date_published).toBe('2026-03-08T09:00:00.000Z');
    for (const body of [rss.body, atom.body, json.body]) {
      expect(body).not.toContain('Brouillon secret');
      expect(body).not.toContain('Programmé pour demain');
    }
  });

  it('serves section, tag and author feeds, and 404 for unknown ones', async () => {
    const section = parseXml((await get('/afrique/feed.xml')).body).rss.channel;
    expect(asArray(section.item).map((i) => decodeHTML(i.title))).toEqual([story.title, old.title]);
    const atom = parseXml((await get('/sport/atom.xml')).body).feed;
    expect(asArray(atom.entry).map((e) => decodeHTML(textOf(e.title)))).toEqual([sport.title]);
    const tag = parseXml((await get('/tag/russie/feed.xml')).body).rss.channel;
    expect(asArray(tag.item).map((i) => decodeHTML(i.title))).toEqual([story.title]);
    const author = (await get(`/author/${authorId}/feed.json`)).json();
    expect(author.items).toHaveLength(3);
    for (const url of ['/nowhere/feed.xml', '/tag/nowhere/atom.xml', '/author/999999/feed.json', '/author/abc/feed.xml']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('keeps each article’s GUID across edits, and puts the whole text in with ?full=1', async () => {
    const guid = nth(parseXml((await get('/feed.xml')).body).rss.channel.item, 0).guid['#text'];
    expect(guid).toMatch(/^tag:localhost,\d{4}-\d\d-\d\d:article:\d+$/);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${sport.id}`, headers: auth, payload: { title: 'Le marathon de Bamako, encore', slug: 'marathon-2026' } });
    expect(patch.statusCode).toBe(200);
    const items = parseXml((await get('/feed.xml')).body).rss.channel.item;
    const edited = nth(items.filter((i) => i.title === 'Le marathon de Bamako, encore'), 0);
    const before = nth(parseXml((await get('/sport/feed.xml')).body).rss.channel.item, 0);
    expect(edited.guid['#text']).toBe(before.guid['#text']);
    expect(edited.guid['#text']).toBe(`tag:localhost,2026-03-08:article:${sport.id}`);
    expect(edited.link).toContain('/sport/marathon-2026');
    const summaryOnly = await get('/feed.xml');
    expect(summaryOnly.body).not.toContain('content:encoded');
    const full = nth(parseXml((await get('/feed.xml?full=1')).body).rss.channel.item, 0);
    expect(full['content:encoded']).toContain('<strong>ministre</strong>');
    expect((await t.app.inject({ method: 'GET', url: '/feed.xml?full=yes' })).statusCode).toBe(400);
  });

  it('lists published articles only in /sitemap.xml, and pages it once large', async () => {
    const res = await get('/sitemap.xml');
    const urls = asArray(parseXml(res.body).urlset.url).map((u) => u.loc);
    for (const a of [story, old]) expect(urls).toContain(a.url);
    expect(urls).toContain('http://localhost:3000/afrique');
    expect(urls).toContain('http://localhost:3000/tag/mali');
    expect(urls.some((u) => u.includes(draft.slug))).toBe(false);
    expect(urls.some((u) => u.includes(scheduled.slug))).toBe(false);
    const index = parseXml(await buildSitemap(t.deps, undefined, 2)).sitemapindex;
    expect(asArray(index.sitemap).map((s) => s.loc)).toEqual([0, 1, 2].map((p) => `http://localhost:3000/sitemap.xml?page=${p}`));
    const page1 = asArray(parseXml(await buildSitemap(t.deps, 1, 2)).urlset.url).map((u) => u.loc);
    const page2 = asArray(parseXml(await buildSitemap(t.deps, 2, 2)).urlset.url).map((u) => u.loc);
    expect([...page1, ...page2]).toHaveLength(3);
    expect((await t.app.inject({ method: 'GET', url: '/sitemap.xml?page=9' })).statusCode).toBe(400);
  });

  it('serves a Google News sitemap of the last 48 hours, and robots.txt naming both sitemaps', async () => {
    const res = await get('/news-sitemap.xml');
    const set = parseXml(res.body).urlset;
    expect(set['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const urls = asArray(set.url);
    // The marathon got a new slug in the GUID test above: the sitemap has its current address.
    expect(urls.map((u) => u.loc)).toEqual([story.url, 'http://localhost:3000/sport/marathon-2026']);
    const news = nth(urls, 0)['news:news'];
    expect(news['news:publication']['news:name']).toBe('Palabre');
    expect(res.body).toContain('<news:language>fr</news:language>');
    expect(news['news:publication_date']).toBe('2026-03-08T09:00:00.000Z');
    expect(res.body).not.toContain('vieille histoire');
    const robots = await get('/robots.txt');
    expect(robots.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(robots.body).toContain('Sitemap: http://localhost:3000/news-sitemap.xml');
  });

  it('gives the article page NewsArticle JSON-LD, Open Graph, Twitter cards and a canonical link', async () => {
    const html = (await get(pathOf(story.url))).body;
    expect(html).toContain(`<link rel="canonical" href="${story.url}"`);
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]?.[1] ?? '{}');
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe(story.title);
    expect(data.datePublished).toBe('2026-03-08T09:00:00.000Z');
    expect(data.author).toEqual([{ '@type': 'Person', name: 'Aminata Traoré', url: `http://localhost:3000/author/${authorId}` }]);
    expect(data.publisher.name).toBe('Palabre');
    expect(data.articleSection).toBe('Afrique');
    expect(data.inLanguage).toBe('fr');
    // The title's </script> stayed inside the JSON: no second script, no alert.
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<meta property="og:type" content="article"');
    expect(html).toContain(`<meta property="og:url" content="${story.url}"`);
    expect(html).toContain('<meta property="og:title" content="Le ministre de la Défense &lt;/script>&lt;script>alert(1)&lt;/script> en Russie"');
    expect(html).toContain('<meta name="twitter:card" content="summary"');
    expect(html).toMatch(/<time datetime="2026-03-08T09:00:00.000Z"/i);
  });

  it('shows related articles by shared tags under the article, published ones only', async () => {
    const html = (await get(pathOf(story.url))).body;
    const related = html.slice(html.indexOf('class="related"'));
    expect(html).toContain('Sur le même sujet');
    expect(related).toContain('Une vieille histoire');
    expect(related).toContain('Le marathon de Bamako');
    expect(related).not.toContain('Brouillon secret');
    expect(related).not.toContain('Programmé pour demain');
  });

  it('has tag and author pages with pagination, and no page for an account without articles', async () => {
    for (let i = 0; i < 21; i++) await createArticle(t, auth, { title: `Brève ${i}`, tags: ['Brèves'], publishAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString() });
    const tag = (await get('/tag/breves')).body;
    expect(tag).toContain('Mot-clé : Brèves');
    expect((tag.match(/class="card"/g) ?? []).length).toBe(20);
    const next = /<a rel="next" href="([^"]+)"/.exec(tag)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/tag\/breves\?after=/);
    const second = (await get(next ?? '')).body;
    expect((second.match(/class="card"/g) ?? []).length).toBe(1);
    expect(tag).toContain('<link rel="alternate" type="application/rss+xml" title="Mot-clé : Brèves" href="http://localhost:3000/tag/breves/feed.xml"');
    const author = (await get(`/author/${authorId}`)).body;
    expect(author).toContain('Articles de Aminata Traoré');
    expect(author).not.toContain('Brouillon secret');
    const reader = await createUserWithToken(t.deps, 'reader', 'Lecteur discret');
    expect((await t.app.inject({ method: 'GET', url: `/author/${reader.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/tag/inconnu' })).statusCode).toBe(404);
  });
});

import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';

const EDGE = join(import.meta.dirname, '../fixtures/wxr/wordpress-6.1-edge-cases.xml');
const NO_VERSION = join(import.meta.dirname, '../fixtures/wxr/wordpress-3.0-no-wxr-version.xml');
const MAIN = join(import.meta.dirname, '../fixtures/wordpress-6.1-export.xml');
const CYRILLIC = 'привет-мир';
// The slug is kept in its script; URLs carry it percent-encoded.
const SLUG = CYRILLIC;
const PATH = `/afrique/${encodeURIComponent(SLUG)}`;
const IMAGE = 'https://sahel.example/wp-content/uploads/2022/04/pont.jpg';

describe.each(DIALECTS)('WordPress edge cases on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const article = (slug: string) => t.deps.db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();

  it('brings password-protected and private posts in as drafts, never public, and says why', async () => {
    const summary = await importWxr(t.deps, EDGE);
    expect(summary.created).toMatchObject({ articles: 3, comments: 2, images: 1 });
    expect(summary.drafted).toEqual({ 'password-protected': 1, private: 1 });
    expect(summary.warnings).toEqual(expect.arrayContaining([expect.stringContaining('"Réservé aux abonnés" is password-protected'), expect.stringContaining('"Note interne" is private')]));
    expect((await article('reserve-aux-abonnes')).status).toBe('draft');
    expect((await article('note-interne')).status).toBe('draft');
    for (const url of ['/feed.xml', '/atom.xml', '/sitemap.xml', '/afrique/feed.xml']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('abonnés');
      expect(res.body, url).not.toContain('Note interne');
    }
    expect((await t.app.inject({ method: 'GET', url: '/feed.xml' })).body).toContain(PATH);
    expect((await t.app.inject({ method: 'GET', url: '/afrique/reserve-aux-abonnes' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/?p=101' })).statusCode).not.toBe(301);
  });

  it('keeps the Cyrillic slug readable (served at the encoded URL, old address answers 301), decodes the excerpt once, files the nested category under its top section', async () => {
    const a = await article(SLUG);
    expect(a.title).toBe('Привет мир');
    expect(a.summary).toBe('Sécurité & transports : le pont rouvre');
    expect(PATH).toBe('/afrique/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80');
    const page = await t.app.inject({ method: 'GET', url: PATH });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost:3000${PATH}"`);
    expect(page.body).toContain('Sécurité &amp; transports');
    expect(page.body).not.toContain('&amp;amp;');
    // WordPress's lower-case escapes and the decoded form a browser shows are the same page, not a redirect.
    for (const url of [PATH.toLowerCase(), `/afrique/${CYRILLIC}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
    // Upper-case letters of the slug lead to the page's address.
    const upper = await t.app.inject({ method: 'GET', url: `/afrique/${encodeURIComponent('Привет-Мир')}` });
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe(PATH);
    const old = await t.app.inject({ method: 'GET', url: `/2022/04/01/${encodeURIComponent(CYRILLIC)}/` });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(PATH);
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` })).json<{ section: string; tags: string[]; url: string }>();
    expect(api.section).toBe('afrique');
    expect(api.url).toBe(`http://localhost:3000${PATH}`);
    expect([...api.tags].sort()).toEqual(['bamako', 'mali', 'transports']);
    const sections = await t.deps.db.selectFrom('sections').select('slug').orderBy('slug').execute();
    expect(sections.map((s) => s.slug)).toEqual(['afrique']);
  });

  it('lists the Cyrillic address percent-encoded in the sitemap and the feeds (ASCII URLs, as sitemaps.org requires)', async () => {
    const sitemap = new XMLParser({ isArray: (name) => name === 'url' }).parse((await t.app.inject({ method: 'GET', url: '/sitemap.xml' })).body) as { urlset: { url: { loc: string }[] } };
    const locs = sitemap.urlset.url.map((u) => u.loc);
    expect(locs).toContain(`http://localhost:3000${PATH}`);
    for (const loc of locs) {
      // sitemaps.org: <loc> is an escaped absolute URL (xsd:anyURI) of 12 to 2,048 characters.
      expect(loc, loc).toMatch(/^[\x21-\x7e]{12,2048}$/);
      expect(new URL(loc).href).toBe(loc);
    }
    for (const url of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const body = (await t.app.inject({ method: 'GET', url })).body;
      expect(body, url).toContain(PATH);
      expect(body, url).not.toContain(`/afrique/${CYRILLIC}`);
    }
  });

  it('turns [caption] into an image with its caption, between the paragraphs', async () => {
    const a = await article(SLUG);
    expect(a.body).not.toContain('[caption');
    expect(a.body).toBe(
      `Le pont des Martyrs rouvre après six mois de travaux.\n\n![Le pont des Martyrs](${IMAGE} "Le pont des Martyrs, à Bamako, le 1er avril.")\n\n*Le pont des Martyrs, à Bamako, le 1er avril.*\n\nLa circulation reste alternée aux heures de pointe.`,
    );
    const page = await t.app.inject({ method: 'GET', url: PATH });
    expect(page.body).toContain(`<img src="${IMAGE}" alt="Le pont des Martyrs" title="Le pont des Martyrs, à Bamako, le 1er avril." />`);
    expect(page.body).toContain('<em>Le pont des Martyrs, à Bamako, le 1er avril.</em>');
  });

  it("keeps commenters' websites, threads and the featured image", async () => {
    const a = await article(SLUG);
    const rows = await sql<{ author_name: string; author_url: string | null; parent_id: number | null; id: number }>`select id, author_name, author_url, parent_id from comments where article_id = ${a.id} order by id`.execute(t.deps.db);
    expect(rows.rows.map((r) => [r.author_name, r.author_url])).toEqual([
      ['Awa Keita', 'https://awa.example/blog'],
      ['Seydou', null],
    ]);
    expect(rows.rows[1]?.parent_id).toBe(rows.rows[0]?.id);
    const image = await t.deps.db.selectFrom('imported_images').select('url').where('article_id', '=', a.id).executeTakeFirstOrThrow();
    expect(image.url).toBe(IMAGE);
    // The body already shows that image: it is not shown twice.
    expect(a.body.split(IMAGE)).toHaveLength(2);
    // A featured image the body does not show opens the article.
    await importWxr(t.deps, MAIN);
    const main = await article('deux-hauts-responsables-militaires-maliens-en-visite-discrete-en-russie');
    expect(main.body.startsWith('![Deux hauts responsables militaires maliens en visite discrète en Russie](https://journal.example/wp-content/uploads/2022/03/bamako.jpg)\n\n')).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: '/afrique/deux-hauts-responsables-militaires-maliens-en-visite-discrete-en-russie' });
    expect(page.body).toContain('src="https://journal.example/wp-content/uploads/2022/03/bamako.jpg"');
    const again = await importWxr(t.deps, MAIN);
    expect(again.created).toEqual({});
    expect((await article(main.slug)).body).toBe(main.body);
  });

  it('reads an older export without <wp:wxr_version>, saying so', async () => {
    const summary = await importWxr(t.deps, NO_VERSION);
    expect(summary.version).toBe('1.0');
    expect(summary.warnings).toEqual(['no <wp:wxr_version> in the file (an older WordPress export): read as WXR 1.0', "post 1: author admin is not in the file's author list"]);
    expect(summary.created).toMatchObject({ articles: 1, comments: 2 });
    const a = await article('hello-world');
    expect(a).toMatchObject({ status: 'published', lang: 'en', publish_at: '2011-06-12T12:00:00.000Z' });
    const comments = await t.deps.db.selectFrom('comments').select(['id', 'parent_id', 'author_name']).where('article_id', '=', a.id).orderBy('id').execute();
    expect(comments.map((c) => c.author_name)).toEqual(['Mr WordPress', 'Reader']);
    expect(comments[1]?.parent_id).toBe(comments[0]?.id);
  });
});

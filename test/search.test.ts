import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0017 from '../src/db/migrations/0017-search-result-fields';
import { searchIndexFor } from '../src/modules/search/search.index';
import { SEARCH_RATE_PER_MINUTE } from '../src/modules/search/search.pages';
import { reindexAll } from '../src/modules/search/search.service';
import { DIALECTS, POSTGRES_URL } from './support/dialects';
import { createArticle, createSection, createUserWithToken } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';

const seedPath = join(import.meta.dirname, 'fixtures/seed-mali-russia.txt');
const story = readFileSync(seedPath, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 6);
const SEED_TITLE = 'Deux hauts responsables militaires maliens en visite discrète en Russie';

describe.each(DIALECTS)('search on %s', (engine) => {
  let t: TestApp;
  let auth: { authorization: string };
  let seedId: number;
  const clock = fakeClock(new Date('2026-03-08T10:00:00.000Z'));

  const page = async (qs: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/search?${qs}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  };
  const api = async (qs: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/articles?${qs}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ articles: { id: number; title: string }[]; next: string | null }>();
  };
  const ids = async (q: string) => (await api(`q=${encodeURIComponent(q)}`)).articles.map((a) => a.id);

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    auth = (await createUserWithToken(t.deps, 'editor', 'Rédaction')).auth;
    await createSection(t, auth, 'Afrique');
    await createSection(t, auth, 'Sport');
    const seed = await createArticle(t, auth, {
      title: SEED_TITLE,
      summary: story[0],
      body: story.join('\n\n'),
      section: 'afrique',
      tags: ['Mali', 'Russie'],
      publishAt: '2022-03-08T09:00:00.000Z',
    });
    seedId = seed.id;
  });
  afterAll(async () => t?.close());

  it('finds the seed story whatever the case, accents and plurals', async () => {
    const body = await page('q=ministres+defense');
    expect(body).toContain(SEED_TITLE);
    for (const q of ['ministres defense', 'helicopteres', 'DEFENSE', 'Défense', 'hélicoptère', 'MINISTRE DE LA DÉFENSE']) {
      expect(await ids(q), q).toEqual([seedId]);
    }
    expect(await ids('ministres cuisine')).toEqual([]);
  });

  it('marks the matched words in the snippet, and escapes the text around them', async () => {
    const body = await page('q=helicopteres');
    expect(body).toMatch(/<p class="snippet">[^]*<mark>hélicoptères<\/mark>/);
    const hostile = await createArticle(t, auth, { title: 'Trompette et clairon', body: 'Un <script>alert(1)</script> trompettiste joue de la trompette & du <b>clairon</b>.' });
    const html = await page('q=trompettes');
    expect(html).toContain('<mark>trompette</mark>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>clairon');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/articles/${hostile.id}`, headers: auth });
  });

  it('never shows a draft, even to its editor, and follows publish, edit, unpublish and delete', async () => {
    const draft = await createArticle(t, auth, { title: 'Le zèbre du marché', body: 'Un zèbre.', status: 'draft' });
    expect(await ids('zebre')).toEqual([]);
    expect((await api('q=zebre', auth)).articles).toEqual([]);
    expect(await page('q=zebre')).not.toContain('Le zèbre du marché');

    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${draft.id}`, headers: auth, payload: { status: 'published' } });
    expect(await ids('zebres')).toEqual([draft.id]);

    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${draft.id}`, headers: auth, payload: { title: 'Le chameau du marché', body: 'Un chameau.' } });
    expect(await ids('zebre')).toEqual([]);
    expect(await ids('chameaux')).toEqual([draft.id]);

    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${draft.id}`, headers: auth, payload: { status: 'draft' } });
    expect(await ids('chameau')).toEqual([]);

    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${draft.id}`, headers: auth, payload: { status: 'published' } });
    expect(await ids('chameau')).toEqual([draft.id]);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/articles/${draft.id}`, headers: auth });
    expect(del.statusCode).toBe(204);
    expect(await ids('chameau')).toEqual([]);
  });

  it('shows a scheduled article only from its time on, without reindexing', async () => {
    const scheduled = await createArticle(t, auth, { title: 'La girafe arrive', status: 'scheduled', publishAt: '2026-03-08T12:00:00.000Z' });
    expect(await ids('girafes')).toEqual([]);
    clock.set(new Date('2026-03-08T12:00:01.000Z'));
    expect(await ids('girafes')).toEqual([scheduled.id]);
    clock.set(new Date('2026-03-08T10:00:00.000Z'));
  });

  it('stems English articles as English', async () => {
    const en = await createArticle(t, auth, { title: 'Running the cities', body: 'The ponies were running.', lang: 'en' });
    expect(await ids('city')).toEqual([en.id]);
    expect(await ids('runs')).toEqual([en.id]);
    expect(await ids('pony')).toEqual([en.id]);
  });

  it('ranks a match in the title over the summary over the body, then the more recent first', async () => {
    const inBody = await createArticle(t, auth, { title: 'Un', summary: 'Rien.', body: 'Le baobab est là.', publishAt: '2026-03-01T00:00:00.000Z' });
    const inTitle = await createArticle(t, auth, { title: 'Le baobab', summary: 'Rien.', body: 'Rien.', publishAt: '2026-01-01T00:00:00.000Z' });
    const inSummary = await createArticle(t, auth, { title: 'Deux', summary: 'Un baobab.', body: 'Rien.', publishAt: '2026-02-01T00:00:00.000Z' });
    expect(await ids('baobabs')).toEqual([inTitle.id, inSummary.id, inBody.id]);
    const older = await createArticle(t, auth, { title: 'Le fromager', publishAt: '2025-01-01T00:00:00.000Z' });
    const newer = await createArticle(t, auth, { title: 'Le fromager', publishAt: '2025-06-01T00:00:00.000Z' });
    expect(await ids('fromager')).toEqual([newer.id, older.id]);
  });

  it('ranks a match in the tags and section after the summary, and pages through the tiers', async () => {
    const inBody = await createArticle(t, auth, { title: 'Trois', summary: 'Rien.', body: 'Le karité est là.', publishAt: '2026-03-01T00:00:00.000Z' });
    const inTitle = await createArticle(t, auth, { title: 'Le karité', summary: 'Rien.', body: 'Rien.', publishAt: '2026-01-01T00:00:00.000Z' });
    const inSummary = await createArticle(t, auth, { title: 'Quatre', summary: 'Un karité.', body: 'Rien.', publishAt: '2026-02-01T00:00:00.000Z' });
    const inTag = await createArticle(t, auth, { title: 'Cinq', tags: ['Karité'], publishAt: '2025-12-01T00:00:00.000Z' });
    expect(await ids('karites')).toEqual([inTitle.id, inSummary.id, inTag.id, inBody.id]);
    const p1 = await api('q=karite&limit=2');
    const p2 = await api(`q=karite&limit=2&after=${p1.next}`);
    expect([...p1.articles, ...p2.articles].map((a) => a.id)).toEqual([inTitle.id, inSummary.id, inTag.id, inBody.id]);
    expect(p2.next).toBeNull();
  });

  it('shows each result as the API finds it, in the same order, from the index; a section renamed at once', async () => {
    const inTitle = await createArticle(t, auth, { title: 'Le fonio', section: 'afrique', publishAt: '2025-11-01T00:00:00.000Z' });
    const inSummary = await createArticle(t, auth, { title: 'Six', summary: 'Du fonio.', section: 'sport', lang: 'en', publishAt: '2025-11-03T00:00:00.000Z' });
    const inTag = await createArticle(t, auth, { title: 'Sept', tags: ['Fonio'], publishAt: '2025-11-02T00:00:00.000Z' });
    const inBody = await createArticle(t, auth, { title: 'Huit', body: 'Un plat de fonio.', section: 'sport', publishAt: '2025-11-04T00:00:00.000Z' });
    type Shown = { lang: string; kicker: string | null; href: string; title: string; date: string };
    const results = (html: string): Shown[] =>
      html
        .split('<li class="search-result"')
        .slice(1)
        .map((li) => ({
          lang: /^ lang="([^"]*)"/.exec(li)?.[1] ?? '',
          kicker: /<p class="kicker">([^<]*)<\/p>/.exec(li)?.[1] ?? null,
          href: /<a href="([^"]*)">/.exec(li)?.[1] ?? '',
          title: (/<a href="[^"]*">(.*?)<\/a>/.exec(li)?.[1] ?? '').replace(/<\/?mark>/g, ''),
          date: /<time datetime="([^"]*)"/i.exec(li)?.[1] ?? '',
        }));
    const names = new Map([['afrique', 'Afrique'], ['sport', 'Sport']]);
    const expected = (await api('q=fonio')).articles.map((a) => {
      const x = a as unknown as { section: string | null; url: string; lang: string; publishAt: string; title: string };
      return { lang: x.lang, kicker: x.section && (names.get(x.section) ?? null), href: new URL(x.url).pathname, title: x.title, date: x.publishAt };
    });
    expect(expected.map((e) => e.title)).toEqual([inTitle, inSummary, inTag, inBody].map((a) => a.title));
    expect(results(await page('q=fonio'))).toEqual(expected);

    const renamed = await t.app.inject({ method: 'PATCH', url: '/api/v1/sections/sport', headers: auth, payload: { name: 'Sports et jeux' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const shown = results(await page('q=fonios'));
    expect(shown.map((r) => r.kicker)).toEqual(['Afrique', 'Sports et jeux', null, 'Sports et jeux']);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/sections/sport', headers: auth, payload: { name: 'Sport' } });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${inTitle.id}`, headers: auth, payload: { title: 'Le fonio du Mali' } });
    expect(results(await page('q=fonio+mali'))[0]?.title).toBe('Le fonio du Mali');
  });

  it('fills the fields of results in an index built before migration 0017', async () => {
    const before = await page('q=fonio+plat');
    expect(before).toContain('Huit');
    // Back to 0016's shape: the index without the articles' slugs, titles and languages (and, on SQLite, dates).
    if (engine === 'sqlite') {
      for (const c of ['slug', 'title', 'lang', 'publish_at']) await sql`alter table search_meta drop column ${sql.ref(c)}`.execute(t.deps.db);
    } else await sql`drop table search_results`.execute(t.deps.db);
    await m0017.up(t.deps.db as Kysely<unknown>, t.deps.dialect);
    expect(await page('q=fonio+plats')).toBe(before.replaceAll('fonio plat', 'fonio plats').replaceAll('fonio+plat', 'fonio+plats'));
  });

  it('filters by section and by date', async () => {
    const sport = await createArticle(t, auth, { title: 'Le marathon de Bamako', section: 'sport', publishAt: '2026-02-10T08:00:00.000Z' });
    const afrique = await createArticle(t, auth, { title: 'Bamako sous la pluie', section: 'afrique', publishAt: '2026-02-20T08:00:00.000Z' });
    expect((await ids('bamako')).sort()).toEqual([seedId, sport.id, afrique.id].sort());
    expect((await api('q=bamako&section=sport')).articles.map((a) => a.id)).toEqual([sport.id]);
    const html = await page('q=bamako&section=afrique&from=2026-02-01&to=2026-02-28');
    expect(html).toContain('<mark>Bamako</mark> sous la pluie');
    expect(html).not.toContain('Le marathon de');
    expect(html).not.toContain('responsables militaires');
    expect(await page('q=bamako&from=2026-02-10&to=2026-02-10')).toContain('Le marathon de <mark>Bamako</mark>');
    const bad = await t.app.inject({ method: 'GET', url: '/search?q=bamako&from=2026-02-30x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    const reversed = await t.app.inject({ method: 'GET', url: '/search?q=bamako&from=2026-03-01&to=2026-02-01' });
    expect(reversed.statusCode).toBe(400);
  });

  it('pages through results on the page and in the API', async () => {
    for (let i = 0; i < 23; i++) await createArticle(t, auth, { title: `Le koro numéro ${i}`, publishAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() });
    // Newer, but the word only in the body: after every title match, on the last page.
    const inBody = [];
    for (let i = 0; i < 2; i++) inBody.push((await createArticle(t, auth, { title: `Musique ${i}`, body: 'Un air de koro.', publishAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString() })).id);
    const first = await page('q=koro');
    expect((first.match(/class="search-result"/g) ?? []).length).toBe(20);
    expect(first).toContain('href="/search?q=koro&amp;page=2"');
    const second = await page('q=koro&page=2');
    expect((second.match(/class="search-result"/g) ?? []).length).toBe(5);
    expect(second).toContain('<ol class="search-results" start="21">');
    const p1 = await api('q=koro&limit=10');
    expect(p1.articles).toHaveLength(10);
    const p2 = await api(`q=koro&limit=10&after=${p1.next}`);
    const p3 = await api(`q=koro&limit=10&after=${p2.next}`);
    expect(p3.articles).toHaveLength(5);
    expect(p3.next).toBeNull();
    expect(p3.articles.slice(3).map((a) => a.id)).toEqual([inBody[1], inBody[0]]);
    const all = [...p1.articles, ...p2.articles, ...p3.articles].map((a) => a.id);
    expect(new Set(all).size).toBe(25);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/articles?q=koro&after=nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_input');
  });

  it('is French by default and accessible: labelled form, landmarks, a prompt without a query', async () => {
    const html = await page('');
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<label for="search-q">Mots recherchés</label>');
    expect(html).toContain('role="search" aria-label="Recherche détaillée"');
    expect(html).toContain('Tapez un ou plusieurs mots');
    expect(await page('q=introuvablissime')).toContain('Aucun article ne correspond à « introuvablissime ».');
  });

  it('rebuilds the whole index from the articles', async () => {
    // Vacuumed as well as analysed on PostgreSQL, so the rebuilt index's pages are marked all-visible (no heap check
    // per match). Whether every page gets the mark depends on transactions elsewhere in the database (other test
    // files share it), so the test counts the vacuums rather than the marked pages.
    const vacuums = async () => {
      const { rows } = await sql<{ n: string }>`select vacuum_count as n from pg_stat_user_tables where relname = 'search_index' and schemaname = current_schema()`.execute(t.deps.db);
      return Number(rows[0]?.n);
    };
    const before = engine === 'postgres' ? await vacuums() : 0;
    const n = await reindexAll(t.deps);
    expect(n).toBeGreaterThan(30);
    expect(await ids('helicopteres')).toEqual([seedId]);
    if (engine === 'postgres') expect(await vacuums()).toBe(before + 1);
  });

  it('rebuilds it from the command line too, and names a wrong sub-command', async () => {
    await searchIndexFor(t.deps.dialect).clear(t.deps.db);
    expect(await ids('helicopteres')).toEqual([]);
    const url = engine === 'sqlite' ? t.config.databaseUrl : `${POSTGRES_URL}?schema=${t.deps.database.schema}`;
    const env = { ...process.env, DATABASE_URL: url, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' };
    const cli = join(import.meta.dirname, '../dist/cli.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'search', 'reindex'], { env });
    expect(stdout).toMatch(/^search index rebuilt: \d+ published articles/);
    expect(await ids('helicopteres')).toEqual([seedId]);
    const bad = await promisify(execFile)(process.execPath, [cli, 'search', 'rebuild'], { env }).catch((e: unknown) => e as { code: number; stderr: string });
    expect('code' in bad && bad.code).toBe(1);
    expect('stderr' in bad ? bad.stderr : '').toMatch(/^palabre: command: unknown: palabre search rebuild; try: palabre search reindex\n$/);
  });

  it('limits the searches one address may make', async () => {
    const from = { remoteAddress: '198.51.100.7' };
    for (let i = 0; i < SEARCH_RATE_PER_MINUTE; i++) {
      expect((await t.app.inject({ method: 'GET', url: `/search?q=mot${i % 3}`, ...from })).statusCode).toBe(200);
    }
    const refused = await t.app.inject({ method: 'GET', url: '/search?q=mot1', ...from });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).not.toMatch(/\n\s+at /);
    expect((await t.app.inject({ method: 'GET', url: '/search?q=mot1', remoteAddress: '198.51.100.8' })).statusCode).toBe(200);
  });

  it('migrates several databases at once (the unaccent extension is created once, safely)', async () => {
    const apps = await Promise.all([createTestApp(engine), createTestApp(engine), createTestApp(engine)]);
    try {
      for (const other of apps) {
        const editor = await createUserWithToken(other.deps, 'editor');
        const a = await createArticle(other, editor.auth, { title: 'Les hélicoptères de Défense' });
        const res = await other.app.inject({ method: 'GET', url: '/api/v1/articles?q=helicoptere+DEFENSE' });
        expect(res.json().articles.map((x: { id: number }) => x.id)).toEqual([a.id]);
      }
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });
});

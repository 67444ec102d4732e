import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { createSection, createUserWithToken } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/** The section links of a page's main navigation. */
function navLinks(html: string): string[] {
  const $ = cheerio.load(html);
  return $('header nav .nav a').map((_, el) => `${$(el).attr('href')} ${$(el).text()}`).get();
}

describe.each(DIALECTS)('the section navigation of every public page on %s', (engine) => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
    await createSection(t, editor.auth, 'Économie', 'economie');
    await createSection(t, editor.auth, 'Sport', 'sport');
  });
  afterAll(async () => t?.close());

  it('shows the same section links on the login, privacy, unsubscribe and error pages as on the home page', async () => {
    const home = navLinks((await get('/')).body);
    expect([...home].sort()).toEqual(['/ Accueil', '/economie Économie', '/sport Sport']);
    for (const [url, status] of [['/login', 200], ['/privacy', 200], ['/rubrique/inconnue/vraiment', 404], ['/tag/inconnu', 404], ['/notifications/unsubscribe?token=forged', 400]] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(navLinks(res.body), url).toEqual(home);
    }
  });

  it('still renders the login and error pages, without the links, when the sections cannot be read', async () => {
    await sql`alter table sections rename to sections_away`.execute(t.deps.db);
    try {
      // The section page itself fails (500): its error page is still sent, in the site's frame.
      const failed = await get('/economie');
      expect(failed.statusCode).toBe(500);
      expect(failed.body).toContain('<h1>Erreur</h1>');
      expect(navLinks(failed.body)).toEqual(['/ Accueil']);
      const missing = await get('/a/b/c/d');
      expect(missing.statusCode).toBe(404);
      expect(navLinks(missing.body)).toEqual(['/ Accueil']);
      const login = await get('/login');
      expect(login.statusCode).toBe(200);
      expect(navLinks(login.body)).toEqual(['/ Accueil']);
      expect(login.body).toContain('name="password"');
    } finally {
      await sql`alter table sections_away rename to sections`.execute(t.deps.db);
    }
    expect(navLinks((await get('/login')).body)).toHaveLength(3);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, listeningApp } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { needs } from '../support/parts';
import { createUserWithToken } from '../support/factories';
import type { TestApp } from '../support/test-app';

/**
 * The server's clock: real time plus an offset the test can move forward, so that
 * "later" comes without sleeping and without racing a busy machine.
 */
function movableClock(): { now(): Date; advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

/** A datetime-local value (UTC, to the second), as the editor takes it. */
function localUtc(d: Date): string {
  return d.toISOString().slice(0, 19);
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each(DIALECTS)('the editor’s day in Chromium on %s', needs('chromium'), (engine) => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let editorEmail: string;
  const clock = movableClock();

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine, { clock }));
    const editor = await createUserWithToken(t.deps, 'editor', 'Awa Traoré');
    editorEmail = editor.email;
    await t.app.inject({ method: 'POST', url: '/api/v1/sections', headers: editor.auth, payload: { name: 'Afrique', slug: 'afrique' } });
    const context = await browser.newContext({ locale: 'fr-FR' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await page?.context().close();
    await t?.close();
  });

  it('signs in, writes with a live preview, schedules, publishes, and sees the article on the site', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Script errors and CSP refusals show in the console; failed loads are checked by address below.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });

    // Sign in: /admin sends an anonymous visitor to /login and back.
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Adresse e-mail').fill(editorEmail);
    await page.getByLabel('Mot de passe').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/admin`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tableau de bord');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'palabre_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    // Write, with the live preview.
    await page.getByRole('link', { name: 'Écrire un article' }).first().click();
    await page.waitForURL(`${base}/admin/articles/new`);
    await page.getByLabel('Titre', { exact: true }).fill('Les pluies arrivent tôt à Mopti');
    await page.getByLabel('Chapô').fill('Les agriculteurs du delta intérieur se préparent.');
    await page.getByLabel('Rubrique').selectOption('afrique');
    await page.getByLabel('Texte (Markdown)').fill('## Le delta\n\nLes champs de **riz** sont déjà inondés.');
    await expect.poll(() => page.locator('#preview h2').textContent()).toBe('Le delta');
    await expect.poll(() => page.locator('#preview strong').textContent()).toBe('riz');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\?saved=1$/);
    const id = Number(/articles\/(\d+)/.exec(page.url())?.[1]);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Article enregistré.');

    // Autosave keeps typing aside without publishing it.
    await page.getByLabel('Texte (Markdown)').fill('## Le delta\n\nLes champs de **riz** sont déjà inondés. Suite en cours…');
    await expect.poll(() => page.locator('#autosave-status').textContent(), { timeout: 8000 }).toContain('Enregistré automatiquement');

    // Schedule an hour ahead (by the server's clock).
    const at = new Date(clock.now().getTime() + 3600_000);
    await page.getByLabel('Programmer le').check();
    await page.getByLabel('Date et heure de publication (UTC)').fill(localUtc(at));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`${base}/admin/articles/${id}?saved=1`);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${id}`, headers: { authorization: `Bearer ${(await createUserWithToken(t.deps, 'editor')).token}` } });
    const url = api.json<{ url: string; status: string }>();
    expect(url.status).toBe('scheduled');
    const before = await page.goto(url.url);
    expect(before?.status()).toBe(404);

    // An hour later the article is on its page and the home page, with nothing run by hand.
    clock.advance(3600_000 + 1000);
    const after = await page.goto(url.url);
    expect(after?.status()).toBe(200);
    await expect.poll(() => page.locator('article h1').textContent()).toBe('Les pluies arrivent tôt à Mopti');
    expect(await page.locator('.article-body').textContent()).toContain('Suite en cours');
    await page.goto(`${base}/`);
    expect(await page.getByRole('link', { name: 'Les pluies arrivent tôt à Mopti' }).count()).toBeGreaterThan(0);

    // Publish a second one at once, and find it on the site.
    await page.goto(`${base}/admin/articles/new`);
    await page.getByLabel('Titre', { exact: true }).fill('Le marché de Bamako rouvre');
    await page.getByLabel('Texte (Markdown)').fill('Les commerçants sont de retour.');
    await page.getByLabel('Publier', { exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\?saved=1$/);
    await page.getByRole('link', { name: 'Voir la page publique' }).click();
    await expect.poll(() => page.locator('article h1').textContent()).toBe('Le marché de Bamako rouvre');
    expect(errors).toEqual([]);
    // Only the page visited before its time was missing (and the browser's own favicon request).
    expect(failed.filter((f) => !f.endsWith('/favicon.ico'))).toEqual([`404 ${new URL(url.url).pathname}`]);
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, listeningApp, watchProblems } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { createUserWithToken, sessionFor } from '../support/factories';
import type { TestApp } from '../support/test-app';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each(DIALECTS)('the API page (/admin/api) in Chromium on %s', (engine) => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine));
  });
  afterAll(async () => t?.close());

  it('renders every operation of the document under the site’s CSP, asking nothing of another origin', { timeout: 90_000 }, async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const session = await sessionFor(t.deps, editor.id);
    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.addCookies([{ name: 'palabre_session', value: session.cookie.split('=')[1] ?? '', url: base }]);
    const page = await context.newPage();
    // Refusals by the CSP, whether or not the console reports them.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    watchProblems(page, problems);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      const origin = new URL(r.url()).origin;
      if (origin !== base && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    try {
      const res = await page.goto(`${base}/admin/api`);
      expect(res?.status()).toBe(200);
      // Swagger UI builds one block per operation from /api/v1/openapi.json.
      await page.locator('.opblock').first().waitFor();
      const documented = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      const operations = Object.values(documented.json<{ paths: Record<string, Record<string, unknown>> }>().paths).reduce((n, item) => n + Object.keys(item).length, 0);
      expect(await page.locator('.opblock').count()).toBe(operations);
      await page.locator('.opblock-summary-path', { hasText: '/api/v1/articles/{id}/comments' }).first().click();
      await page.locator('.opblock-body').first().waitFor();
      // "Try it out" opens the parameters' fields; the schemas section renders the components.
      await page.locator('.opblock-body .try-out__btn').first().click();
      await page.locator('.opblock-body input[placeholder="id"]').first().waitFor();
      await page.locator('section.models').scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

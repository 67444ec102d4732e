import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discussionReady, launchChromium, listeningApp, watchProblems } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { needs } from '../support/parts';
import { createArticle, createUserWithToken, pathOf, warmUpPosting } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { readerToken } from '../support/guest-comment';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each(DIALECTS)('a reader in Chromium on %s', needs('chromium'), (engine) => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let articlePath: string;
  let articleId: number;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine));
    const editor = await createUserWithToken(t.deps, 'editor');
    const a = await createArticle(t, editor.auth, { title: 'Les pluies arrivent tôt cette année', body: 'Les agriculteurs se préparent.' });
    articlePath = pathOf(a.url);
    articleId = a.id;
    await warmUpPosting(t, editor.auth); // model loading is start-up, not delivery
    page = await (await browser.newContext()).newPage();
    watchProblems(page, problems);
  });
  afterAll(async () => {
    await page?.context().close();
    await t?.close();
  });

  // How fast it arrives is measured by `npm run bench:fanout` (10,000 open streams), not timed here.
  it('sees a comment posted by someone else appear without reloading', async () => {
    const ready = discussionReady(page);
    await page.goto(base + articlePath);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await ready; // the event stream is open
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${articleId}/comments`,
      remoteAddress: '192.0.2.33',
      payload: { body: 'Ici aussi, les premières pluies sont tombées hier soir.', name: 'Mariam', email: 'mariam@example.test', token: readerToken(t, articleId) },
    });
    expect(res.json().status).toBe('published');
    const item = page.locator(`#comment-${res.json().id}`);
    await item.waitFor({ timeout: 5000 });
    expect(await item.locator('.comment-author').textContent()).toBe('Mariam');
    expect(await item.locator('.comment-body').textContent()).toContain('premières pluies');
  });

  it('posts a comment with the form, keyboard only, and lands on it', async () => {
    await page.goto(base + articlePath);
    await page.locator('#comment-name').focus();
    await page.keyboard.type('Oumar');
    await page.keyboard.press('Tab');
    await page.keyboard.type('oumar@example.test');
    await page.locator('#comment-body').focus();
    await page.keyboard.type('Merci pour cet article, très utile pour les semis.');
    await page.locator('#comment-form button[type=submit]').focus();
    await Promise.all([page.waitForURL(/\?comment=(published|pending)/), page.keyboard.press('Enter')]);
    const notice = page.locator('.comment-form-section .notice').first();
    await expect.poll(() => notice.textContent()).toMatch(/Merci/);
    expect(problems).toEqual([]);
  });
});

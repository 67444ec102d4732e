import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discussionReady, launchChromium, listeningApp, watchProblems } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { needs } from '../support/parts';
import { createArticle, createUserWithToken, pathOf, warmUpPosting } from '../support/factories';
import type { TestApp } from '../support/test-app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each(DIALECTS)('likes and edits in Chromium on %s', needs('chromium'), (engine) => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let watcher: Page;
  let articlePath: string;
  let articleId: number;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine));
    const editor = await createUserWithToken(t.deps, 'editor');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { minSubmitSeconds: 0, floodSeconds: 0 } });
    const a = await createArticle(t, editor.auth, { title: 'La crue du fleuve', body: 'Le fleuve monte.' });
    articlePath = pathOf(a.url);
    articleId = a.id;
    await warmUpPosting(t, editor.auth);
    page = await (await browser.newContext()).newPage();
    watcher = await (await browser.newContext()).newPage();
    watchProblems(page, problems);
    watchProblems(watcher, problems);
  });
  afterAll(async () => {
    await page?.context().close();
    await watcher?.context().close();
    await t?.close();
  });

  it('likes without reloading (pressed, counted), and another open page sees the count', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${articleId}/comments`,
      remoteAddress: '192.0.2.71',
      payload: { body: 'Le fleuve a débordé à Mopti hier soir.', name: 'Seydou', email: 'seydou@example.test' },
    });
    const id = res.json().id as number;
    const ready = Promise.all([discussionReady(watcher), discussionReady(page)]);
    await watcher.goto(base + articlePath);
    await page.goto(base + articlePath);
    await ready;
    const button = page.locator(`#comment-${id} .like-button`);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    const url = page.url();
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.textContent()).toBe('J’aime 1');
    expect(page.url()).toBe(url);
    await expect.poll(() => watcher.locator(`#comment-${id} .like-button`).textContent(), { timeout: 3000 }).toBe('J’aime 1');
    // Reloaded (the cached page is older): the reader's like and the live count come back.
    await page.reload();
    await expect.poll(() => page.locator(`#comment-${id} .like-button`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator(`#comment-${id} .like-button`).textContent()).toBe('J’aime 1');
    await page.locator(`#comment-${id} .like-button`).click();
    await expect.poll(() => page.locator(`#comment-${id} .like-button`).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator(`#comment-${id} .like-button`).textContent()).toBe('J’aime 0');
  });

  it('offers "Modifier" on the guest’s own comment only, edits it in place, and shows it edited to others', async () => {
    await page.goto(base + articlePath);
    await page.locator('#comment-name').fill('Oumar');
    await page.locator('#comment-email').fill('oumar@example.test');
    await page.locator('#comment-body').fill('Les digues tienent encore pour le moment.');
    await Promise.all([page.waitForURL(/\?comment=published/), page.locator('#comment-form button[type=submit]').click()]);
    const id = Number(new URL(page.url()).hash.replace('#comment-', ''));
    expect(id).toBeGreaterThan(0);
    const ready = Promise.all([discussionReady(page), discussionReady(watcher)]);
    await page.goto(base + articlePath);
    await watcher.goto(base + articlePath);
    await ready;
    const edit = page.locator(`#comment-${id} .comment-edit-button`);
    await edit.waitFor();
    expect(await page.locator('.comment-edit-button').count()).toBe(1);
    expect(await watcher.locator('.comment-edit-button').count()).toBe(0);
    await edit.click();
    const area = page.getByLabel('Modifier votre commentaire');
    expect(await area.inputValue()).toBe('Les digues tienent encore pour le moment.');
    await area.fill('Les digues tiennent encore pour le moment.');
    await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await expect.poll(() => page.locator(`#comment-${id} .comment-body`).textContent()).toContain('tiennent');
    expect(await page.locator(`#comment-${id} .comment-edited`).textContent()).toContain('modifié');
    await expect.poll(() => watcher.locator(`#comment-${id} .comment-body`).textContent(), { timeout: 3000 }).toContain('tiennent');
    expect(await watcher.locator(`#comment-${id} .comment-edited`).textContent()).toContain('modifié');
    expect(problems).toEqual([]);
  });
});

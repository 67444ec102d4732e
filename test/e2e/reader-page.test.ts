import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, listeningApp, watchProblems } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { needs } from '../support/parts';
import { createArticle, createUserWithToken, pathOf } from '../support/factories';
import { postThread } from '../support/thread';
import type { TestApp } from '../support/test-app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const STREAM = /\/api\/v1\/articles\/\d+\/comments\/events(\?|$)/;

describe.each(DIALECTS)('the reader page of a 200-comment article in Chromium on %s', needs('chromium'), (engine) => {
  let t: TestApp;
  let base: string;
  let articlePath: string;
  let ids: number[];
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine));
    editor = await createUserWithToken(t.deps, 'editor');
    // The whole thread on one page (pageSize past its threads): this is the 200-comment page's budget.
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 500 } });
    const a = await createArticle(t, editor.auth, { title: 'La crue, minute par minute', summary: '', body: 'Le fleuve a atteint la cote d’alerte.\n\nLes secours sont en place.' });
    articlePath = pathOf(a.url);
    ids = await postThread(t, editor.auth, a.id, 200);
  }, 180_000); // 200 comments through the whole posting pipeline, on a machine that may be busy
  afterAll(async () => t?.close());

  it('loads one script bundle and makes one reader call before the event stream, and stays under 1,500 elements', async () => {
    const page = await (await browser.newContext()).newPage();
    watchProblems(page, problems);
    const before: Request[] = [];
    let streaming = false;
    page.on('request', (r) => {
      if (STREAM.test(r.url())) streaming = true;
      else if (!streaming) before.push(r);
    });
    const reader = page.waitForResponse((r) => r.url().endsWith('/comments/reader'));
    const stream = page.waitForResponse((r) => STREAM.test(r.url()));
    await page.goto(base + articlePath);
    await Promise.all([reader, stream]);
    const paths = before.map((r) => new URL(r.url()).pathname);
    expect(paths.filter((p) => p.endsWith('.js'))).toEqual(['/assets/article.js']);
    expect(paths.filter((p) => p.startsWith('/api/'))).toEqual([expect.stringMatching(/^\/api\/v1\/articles\/\d+\/comments\/reader$/)]);
    expect(before.length).toBeLessThanOrEqual(5);
    // The reader's state is applied (every like button shows its count), then the page is counted.
    await expect.poll(() => page.locator('li.comment > .like-button').count()).toBe(200);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThanOrEqual(1500);
    expect(await page.locator('meta[name=description]').getAttribute('content')).toBe('Le fleuve a atteint la cote d’alerte.');
    // With JavaScript, "Signaler" reports without leaving the page.
    const url = page.url();
    await page.locator(`#comment-${ids[5]} > .report-button`).click();
    await expect.poll(() => page.locator('.report-done').isVisible()).toBe(true);
    expect(page.url()).toBe(url);
    // The threads skipped by the first layout (content-visibility) are all laid out once the page is idle.
    expect(await page.locator('#comments > .comment').count()).toBeGreaterThan(50);
    await expect.poll(() => page.locator('#comments > .comment:not(.comment-laid-out)').count()).toBe(0);
    // The last comment's like button, far below the screen, likes with the script (no navigation).
    const last = page.locator(`#comment-${ids[ids.length - 1]} > .like-button`);
    await expect.poll(() => last.textContent()).toBe('J’aime 0');
    await last.click();
    await expect.poll(() => last.getAttribute('aria-pressed')).toBe('true');
    expect(await last.textContent()).toBe('J’aime 1');
    expect(page.url()).toBe(url);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('likes, reports, replies and sorts without JavaScript, through the shared form and plain links', async () => {
    const page: Page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    watchProblems(page, problems);
    const id = ids[10] ?? 0;
    await page.goto(base + articlePath);
    const like = page.locator(`#comment-${id} > .like-button`);
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await Promise.all([page.waitForURL(new RegExp(`\\?liked=${id}#comment-${id}$`)), like.click()]);
    expect(await page.locator(`#comment-${id} > .like-button`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator(`#comment-${id} > .like-button`).textContent()).toBe('J’aime 1');

    await Promise.all([page.waitForURL(new RegExp(`\\?reported=${id}#comments$`)), page.locator(`#comment-${id} > .report-button`).click()]);
    expect(await page.locator('.report-done').isVisible()).toBe(true);
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?status=reported', headers: editor.auth });
    expect(queue.json().comments.map((c: { id: number }) => c.id), queue.body).toEqual(expect.arrayContaining([id, ids[5]]));

    await page.locator('nav.comment-sort a', { hasText: 'Sélection de la rédaction' }).click();
    await page.waitForURL(/\?sort=picks#comments$/);
    expect(await page.locator('nav.comment-sort a[aria-current=page]').textContent()).toBe('Sélection de la rédaction');

    await page.locator(`#comment-${id} > .reply-link`).click();
    await page.waitForURL(new RegExp(`\\?replyTo=${id}#comment-form$`));
    expect(await page.locator('#comment-form input[name=parentId]').inputValue()).toBe(String(id));
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

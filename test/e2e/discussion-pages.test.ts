import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discussionReady, launchChromium, listeningApp, watchProblems } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { needs } from '../support/parts';
import { createArticle, createUserWithToken, pathOf } from '../support/factories';
import type { TestApp } from '../support/test-app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each(DIALECTS)('a discussion in pages in Chromium on %s', needs('chromium'), (engine) => {
  let t: TestApp;
  let base: string;
  let articlePath: string;
  let articleId: number;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  /** The 12 top-level comments, oldest first (pageSize 5: pages of 5, 5 and 2 threads). */
  const roots: number[] = [];
  const problems: string[] = [];

  const post = async (body: string, parentId?: number) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, headers: editor.auth, payload: { body, ...(parentId ? { parentId } : {}) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const threads = (page: Page) => page.locator('#comments > li.comment').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.id)));

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine));
    editor = await createUserWithToken(t.deps, 'editor');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { pageSize: 5 } });
    const a = await createArticle(t, editor.auth, { title: 'Le fleuve déborde', body: 'La cote d’alerte est dépassée.' });
    articlePath = pathOf(a.url);
    articleId = a.id;
    for (let i = 0; i < 12; i++) roots.push(await post(`Nouvelle de la crue numéro ${i + 1}.`));
  }, 60_000);
  afterAll(async () => t?.close());

  it('appends the next pages with the "more" button, and shows live comments only where the order puts them', async () => {
    const page = await (await browser.newContext()).newPage();
    watchProblems(page, problems);
    const ready = discussionReady(page);
    await page.goto(base + articlePath);
    await ready;
    expect(await threads(page)).toEqual(roots.slice(0, 5));
    const more = page.locator('nav.comment-pages button.comment-more');
    expect(await more.textContent()).toBe('Commentaires suivants');
    expect(await page.locator('nav.comment-pages a[rel=next]').count()).toBe(0);

    // Only page 1 shown: a new thread (its place is on the last page) and a reply to a thread of
    // page 2 do not arrive; a reply to one of its threads, sent after them on the stream, does.
    const early = await post('Un nouveau fil, à la fin de la discussion.');
    const elsewhere = await post('Une réponse à un fil de la page 2.', roots[7]);
    const reply = await post('Une réponse en direct.', roots[2]);
    await page.locator(`#comment-${roots[2]} #comment-${reply}`).waitFor({ timeout: 5000 });
    expect(await page.locator(`#comment-${early}, #comment-${elsewhere}`).count()).toBe(0);
    expect(await threads(page)).toEqual(roots.slice(0, 5));

    const url = page.url();
    await more.click();
    await expect.poll(() => threads(page)).toEqual(roots.slice(0, 10));
    expect(page.url()).toBe(url);
    expect(await page.locator('nav.comment-pages .comment-page').textContent()).toBe('Page 2 sur 3');
    // Page 2 came from the server after the reply to its thread: it is there, once.
    expect(await page.locator(`#comment-${elsewhere}`).count()).toBe(1);
    // The reader's state reaches the new threads (their like buttons show their count).
    await expect.poll(() => page.locator(`#comment-${roots[9]} > .like-button`).textContent()).toBe('J’aime 0');
    await more.click();
    await expect.poll(() => threads(page)).toEqual([...roots, early]);
    expect(await more.count()).toBe(0);

    // The last page shown: a new thread arrives at the end.
    const late = await post('Un fil arrivé après la dernière page.');
    await expect.poll(() => threads(page)).toEqual([...roots, early, late]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('puts a new thread first in the newest-first order, on its first page', async () => {
    const page = await (await browser.newContext()).newPage();
    watchProblems(page, problems);
    const ready = discussionReady(page);
    await page.goto(`${base}${articlePath}?sort=newest`);
    await ready;
    const before = await threads(page);
    expect(before).toHaveLength(5);
    const id = await post('Le dernier point sur la crue.');
    await expect.poll(() => threads(page)).toEqual([id, ...before]);
    // The second page of that order gets no new thread.
    const second = await (await browser.newContext()).newPage();
    watchProblems(second, problems);
    const secondReady = discussionReady(second);
    await second.goto(`${base}${articlePath}?sort=newest&page=2`);
    await secondReady;
    const shown = await threads(second);
    const other = await post('Encore un point sur la crue.');
    await expect.poll(() => threads(page)).toEqual([other, id, ...before]);
    expect(await threads(second)).toEqual(shown);
    expect(problems).toEqual([]);
    await page.context().close();
    await second.context().close();
  });
});

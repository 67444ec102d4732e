import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, warmUpPosting, type ArticleJson } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** Another site (another host name, so another site for the browser) whose page carries two widgets. */
async function hostSite(base: string, urls: [string, string]): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Le blog d’à côté</title></head><body>
<h1>Le blog d’à côté</h1>
<div id="first"><script src="${base}/embed.js" data-palabre-url="${urls[0]}" async></script></div>
<p>Entre les deux discussions.</p>
<div id="second"><script src="${base}/embed.js" data-palabre-url="${urls[1]}" async></script></div>
</body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://localhost:${port}/billet.html`, server };
}

/** The height of the iframe in the host page and of the content inside it. */
async function heights(page: Page, selector: string): Promise<{ frame: number; content: number }> {
  const frame = await page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);
  const content = await page.frameLocator(selector).locator('html').evaluate((el) => el.getBoundingClientRect().height);
  return { frame, content };
}

describe.each(DIALECTS)('the widget on another site, in Chromium on %s', (engine) => {
  let t: TestApp;
  let host: { url: string; server: Server };
  let page: Page;
  let long: ArticleJson;
  let short: ArticleJson;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  const problems: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    t = await createTestApp(engine, { env: { PALABRE_BASE_URL: base } });
    await t.app.listen({ port, host: '127.0.0.1' });
    editor = await createUserWithToken(t.deps, 'editor');
    long = await createArticle(t, editor.auth, { title: 'La saison des pluies' });
    short = await createArticle(t, editor.auth, { title: 'Le marché du lundi' });
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${long.id}/comments`,
        remoteAddress: `192.0.2.${10 + i}`,
        payload: { body: `Chez nous, la pluie est tombée le ${i + 1} juin, et les semis ont bien levé cette fois.`, name: `Lectrice ${i + 1}`, email: `l${i}@example.test` },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await warmUpPosting(t, editor.auth);
    host = await hostSite(base, [long.url, short.url]);
    page = await (await browser.newContext()).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await page?.context().close();
    await new Promise((resolve) => host?.server.close(resolve));
    await t?.close();
  });

  it('shows each discussion in its own iframe, right after its tag, sized to its content', async () => {
    await page.goto(host.url);
    const first = '#first > script + iframe.palabre-embed';
    const second = '#second > script + iframe.palabre-embed';
    await expect.poll(() => page.locator('iframe.palabre-embed').count()).toBe(2);
    expect(await page.locator(first).getAttribute('title')).toBe('Discussion');
    expect(await page.locator(first).getAttribute('loading')).toBe('lazy');
    const comments = page.frameLocator(first).locator('.comment-body');
    await expect.poll(() => comments.count(), { timeout: 10_000 }).toBe(8);
    expect(await comments.first().textContent()).toContain('la pluie est tombée le 1 juin');
    expect(await page.frameLocator(second).locator('.comment-count').textContent()).toMatch(/Aucun commentaire/);
    // The long discussion grows past the initial 400 px; each frame takes its own content's height.
    await expect.poll(async () => (await heights(page, first)).frame, { timeout: 10_000 }).toBeGreaterThan(800);
    for (const selector of [first, second]) {
      await expect.poll(async () => {
        const h = await heights(page, selector);
        return Math.abs(h.frame - h.content);
      }).toBeLessThanOrEqual(1);
    }
    expect((await heights(page, second)).frame).toBeLessThan((await heights(page, first)).frame);
    expect(await page.frameLocator(first).locator('.embed-article a').getAttribute('target')).toBe('_blank');
  });

  it('posts a comment from inside the iframe and comes back to the embed, still sized', async () => {
    const frame = page.frameLocator('#second iframe');
    await frame.locator('#comment-name').fill('Oumou');
    await frame.locator('#comment-email').fill('oumou@example.test');
    await frame.locator('#comment-body').fill('Le marché était plein ce lundi, merci pour le reportage.');
    const before = (await heights(page, '#second iframe')).frame;
    await frame.locator('#comment-form button[type=submit]').click();
    const notice = frame.locator('.comment-form-section .notice-ok');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toMatch(/^Merci !/);
    const inner = page.frames().find((f) => f.url().includes('/embed?url='))?.url() ?? '';
    expect(page.frames().some((f) => /\/embed\?url=[^&]+&comment=(published|pending)/.test(f.url())), inner).toBe(true);
    expect(page.url()).toBe(host.url);
    await expect.poll(async () => (await heights(page, '#second iframe')).frame).toBeGreaterThan(before);
    expect(problems).toEqual([]);
  });

  it('opens a link of a comment in a new tab, leaving the frame where it was', async () => {
    const target = new URL('/ailleurs.html', host.url).href;
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${short.id}/comments`,
      headers: editor.auth,
      payload: { body: `La rédaction : voir [notre dossier](${target}).` },
    });
    expect(posted.json().status, posted.body).toBe('published');
    await page.goto(host.url);
    const link = page.frameLocator('#second iframe').locator(`.comment-body a[href="${target}"]`);
    await link.waitFor({ timeout: 10_000 });
    const [popup] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(target);
    expect(page.frames().some((f) => f.url().includes('/embed?url='))).toBe(true);
    expect(page.frames().some((f) => f.url() === target)).toBe(false);
    await popup.close();
  });
});

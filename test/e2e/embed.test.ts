import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, listeningApp, watchProblems } from '../support/browser';
import { DIALECTS } from '../support/dialects';
import { needs } from '../support/parts';
import { createArticle, createUserWithToken, warmUpPosting, type ArticleJson } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { readerToken } from '../support/guest-comment';

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

describe.each(DIALECTS)('the widget on another site, in Chromium on %s', needs('chromium'), (engine) => {
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
        payload: { body: `Chez nous, la pluie est tombée le ${i + 1} juin, et les semis ont bien levé cette fois.`, name: `Lectrice ${i + 1}`, email: `l${i}@example.test`, token: readerToken(t, long.id) },
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

/** A page of another host carrying one widget; `hostname` 127.0.0.1 makes it the same site as Palabre (ports do not count). */
async function oneWidget(base: string, pageUrl: string, hostname: 'localhost' | '127.0.0.1'): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Billet</title></head><body>
<h1>Billet</h1><div id="widget"><script src="${base}/embed.js" data-palabre-url="${pageUrl}" async></script></div></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://${hostname}:${port}/billet.html`, server };
}

describe.each(DIALECTS)('likes, orders and edits inside the widget, in Chromium on %s', needs('chromium'), (engine) => {
  let t: TestApp;
  let base: string;
  let article: ArticleJson;
  const servers: Server[] = [];
  const pages: Page[] = [];
  const problems: string[] = [];
  const widget = '#widget iframe.palabre-embed';

  async function open(hostname: 'localhost' | '127.0.0.1'): Promise<Page> {
    const host = await oneWidget(base, article.url, hostname);
    servers.push(host.server);
    const page = await (await browser.newContext()).newPage();
    pages.push(page);
    watchProblems(page, problems);
    await page.goto(host.url);
    await page.frameLocator(widget).locator('.comment-body').first().waitFor({ timeout: 10_000 });
    return page;
  }

  const embedFrame = (page: Page) => page.frames().find((f) => f.url().includes('/embed?url='));
  const sized = async (page: Page) => {
    const h = await heights(page, widget);
    return Math.abs(h.frame - h.content);
  };

  beforeAll(async () => {
    ({ t, base } = await listeningApp(engine));
    const editor = await createUserWithToken(t.deps, 'editor');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { minSubmitSeconds: 0, floodSeconds: 0 } });
    article = await createArticle(t, editor.auth, { title: 'La crue du Niger' });
    for (const [i, body] of ['Le fleuve a monté de deux mètres à Ségou.', 'Les champs près de la berge sont sous l’eau.'].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${article.id}/comments`,
        remoteAddress: `192.0.2.${40 + i}`,
        payload: { body, name: `Riverain ${i + 1}`, email: `r${i}@example.test` },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await warmUpPosting(t, editor.auth);
  });
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
    await t?.close();
  });

  it('likes inside the iframe of another site without reloading it, another reader’s widget sees the count, and “Les plus aimés” stays in the frame', async () => {
    const page = await open('localhost');
    const watcher = await open('localhost');
    const frame = page.frameLocator(widget);
    const second = frame.locator('#comments > li').nth(1);
    const id = Number(await second.getAttribute('data-id'));
    const button = frame.locator(`#comment-${id} .like-button`);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    const frameUrl = embedFrame(page)?.url();
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.textContent()).toBe('J’aime 1');
    expect(embedFrame(page)?.url()).toBe(frameUrl);
    expect(page.url()).toMatch(/^http:\/\/localhost:/);
    await expect.poll(() => watcher.frameLocator(widget).locator(`#comment-${id} .like-button`).textContent(), { timeout: 5000 }).toBe('J’aime 1');

    await frame.getByRole('link', { name: 'Les plus aimés' }).click();
    await expect.poll(() => embedFrame(page)?.url() ?? '').toMatch(/\/embed\?url=[^&]+&sort=top#comments$/);
    expect(page.url()).toMatch(/^http:\/\/localhost:.*\/billet\.html$/);
    expect(await frame.locator('#comments > li').first().getAttribute('data-id')).toBe(String(id));
    expect(await frame.locator('nav.comment-sort a[aria-current=page]').textContent()).toBe('Les plus aimés');
    // The page script runs again after the navigation: the reader's like is shown pressed.
    await expect.poll(() => frame.locator(`#comment-${id} .like-button`).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => sized(page)).toBeLessThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  it('lets a guest edit their comment inside a same-site widget, the frame following the editor’s height', async () => {
    const page = await open('127.0.0.1');
    const frame = page.frameLocator(widget);
    await frame.locator('#comment-name').fill('Awa');
    await frame.locator('#comment-email').fill('awa@example.test');
    await frame.locator('#comment-body').fill('La digue de Mopti tient bon pour l’instant.');
    await frame.locator('#comment-form button[type=submit]').click();
    await expect.poll(() => embedFrame(page)?.url() ?? '', { timeout: 10_000 }).toMatch(/&comment=published&focus=(\d+)#comment-\1$/);
    const id = Number(/#comment-(\d+)$/.exec(embedFrame(page)?.url() ?? '')?.[1]);
    const edit = frame.locator(`#comment-${id} .comment-edit-button`);
    await edit.waitFor({ timeout: 10_000 });
    expect(await frame.locator('.comment-edit-button').count()).toBe(1);
    await expect.poll(() => sized(page)).toBeLessThanOrEqual(1);
    const before = (await heights(page, widget)).frame;
    await edit.click();
    const area = frame.getByLabel('Modifier votre commentaire');
    await area.waitFor();
    // The editor makes the content taller: the frame is told its new height.
    await expect.poll(async () => (await heights(page, widget)).frame).toBeGreaterThan(before + 20);
    await expect.poll(() => sized(page)).toBeLessThanOrEqual(1);
    await area.fill('La digue de Mopti tient bon pour l’instant, mais l’eau monte encore.');
    await frame.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await expect.poll(() => frame.locator(`#comment-${id} .comment-body`).textContent()).toContain('l’eau monte encore');
    expect(await frame.locator(`#comment-${id} .comment-edited`).textContent()).toContain('modifié');
    await expect.poll(async () => (await heights(page, widget)).frame).toBeLessThan(before + 20);
    await expect.poll(() => sized(page)).toBeLessThanOrEqual(1);
    expect(problems).toEqual([]);
  });
});

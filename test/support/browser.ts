import { chromium, type Browser, type Page } from 'playwright-core';
import type { Engine } from '../../src/db/dialect';
import { CHROMIUM_PATH } from './parts';
import { freePort } from './server-process';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app';

/** A free local port: the base URL must be known before the app is built (same-origin checks compare to it). */
export { freePort };

/** Chromium (Debian's, or TEST_CHROMIUM), headless, as this machine runs it (no sandbox as root, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Collects a page's console errors, uncaught errors and failed responses (4xx/5xx) into `problems`. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
}

/**
 * Resolves once an article page's scripts are live: its comment event stream answered (the
 * server sends the first bytes after subscribing, so nothing published later is missed) and the
 * reader's own state (likes, editable comments) was read. Call it before goto(), await it after.
 */
export async function discussionReady(page: Page, timeout = 10_000): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/articles\/\d+\/comments\/events(\?|$)/.test(r.url()), { timeout }),
    page.waitForResponse((r) => /\/api\/v1\/articles\/\d+\/comments\/reader(\?|$)/.test(r.url()), { timeout }),
  ]);
}

/** An app listening on a free port of 127.0.0.1, its base URL set to that address (for the browser tests). */
export async function listeningApp(engine: Engine, opts: TestAppOptions = {}): Promise<{ t: TestApp; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp(engine, { ...opts, env: { ...opts.env, PALABRE_BASE_URL: base } });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, base };
}

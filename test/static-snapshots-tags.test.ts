import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStaticSnapshots } from '../src/static-snapshots';
import { DIALECTS } from './support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf, warmUpPosting } from './support/factories';
import { postGuestComment } from './support/guest-comment';
import { createTestApp, type TestApp } from './support/test-app';

describe.each(DIALECTS)('what a change makes the static snapshots fetch again on %s', (engine) => {
  let t: TestApp;
  let root: string;
  let stop: (() => Promise<void>) | undefined;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;
  let spy: { mock: { calls: unknown[][] }; mockClear(): void };
  /** The URLs the site was asked for since the last clear (the writer's, and the test's own requests to the API). */
  const asked = (): string[] => spy.mock.calls.map(([opts]) => (typeof opts === 'string' ? opts : String((opts as { url?: string } | undefined)?.url)));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'palabre-snapshot-tags-'));
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
    await createSection(t, editor.auth, 'Afrique');
    article = await createArticle(t, editor.auth, { title: 'La saison des pluies', section: 'afrique' });
    await warmUpPosting(t, editor.auth);
    // Counts the writer's requests (passed through to the real site).
    spy = vi.spyOn(t.app, 'inject');
    const started = startStaticSnapshots(t.deps, t.app, root);
    stop = started.stop;
    await started.ready;
  });
  afterAll(async () => {
    await stop?.();
    vi.restoreAllMocks();
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const snapshot = (rel: string) => readFileSync(join(root, rel), 'utf8');

  it('writes a new comment’s article again, not robots.txt nor the sitemap, which no comment changes', async () => {
    expect(asked()).toContain('/robots.txt');
    expect(asked()).toContain('/sitemap.xml');
    spy.mockClear();
    const body = `Les routes sont coupées depuis mardi ${Date.now()}.`;
    const res = await postGuestComment(t, article.id, { body, name: 'Fatou', email: 'fatou@example.test' }, { remoteAddress: '192.0.2.41' });
    expect(res.json().status).toBe('published');
    const page = join(pathOf(article.url).slice(1), 'index.html');
    await vi.waitFor(() => expect(snapshot(page)).toContain(body), { timeout: 2000, interval: 20 });
    expect(asked()).toContain(pathOf(article.url));
    expect(asked()).not.toContain('/robots.txt');
    expect(asked()).not.toContain('/sitemap.xml');
    expect(asked()).not.toContain('/');
  });

  it('writes the sitemap and the home page again for a new article (their tag: lists), not robots.txt', async () => {
    spy.mockClear();
    const other = await createArticle(t, editor.auth, { title: 'Les récoltes menacées', section: 'afrique' });
    const path = pathOf(other.url);
    await vi.waitFor(() => expect(snapshot('sitemap.xml')).toContain(path), { timeout: 2000, interval: 20 });
    await vi.waitFor(() => expect(snapshot('index.html')).toContain('Les récoltes menacées'), { timeout: 2000, interval: 20 });
    expect(asked()).not.toContain('/robots.txt');
  });

  it('writes again what a settings change alters (the article’s form), robots.txt being fetched with everything', async () => {
    const page = join(pathOf(article.url).slice(1), 'index.html');
    const before = snapshot(page);
    expect(before).toContain('name="email"');
    spy.mockClear();
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { guests: 'accounts-only' } });
    expect(res.statusCode).toBe(200);
    await vi.waitFor(() => expect(snapshot(page)).not.toContain('name="email"'), { timeout: 2000, interval: 20 });
    expect(asked()).toContain('/robots.txt');
    expect(snapshot('robots.txt')).toContain('Sitemap:');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { snapshotNginxConf } from '../scripts/nginx-conf.mjs';
import { snapshotFile } from '../src/infra/static-snapshots';
import { startStaticSnapshots } from '../src/static-snapshots';
import { DIALECTS } from './support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf, sessionFor, warmUpPosting } from './support/factories';
import { needs, NGINX_PATH } from './support/parts';
import { createTestApp, type TestApp } from './support/test-app';
import { freePort } from './support/server-process';
import { readerToken } from './support/guest-comment';


describe('where a snapshot lives', () => {
  const sorts = ['newest', 'top'];
  it('maps pages, discussion orders and files to where nginx looks for them', () => {
    expect(snapshotFile('/', sorts)).toBe('index.html');
    expect(snapshotFile('/afrique/un-titre', sorts)).toBe('afrique/un-titre/index.html');
    expect(snapshotFile('/afrique/un-titre?sort=newest', sorts)).toBe('afrique/un-titre/index.sort-newest.html');
    expect(snapshotFile('/robots.txt', sorts)).toBe('robots.txt');
    expect(snapshotFile('/afrique/feed.xml', sorts)).toBe('afrique/feed.xml');
  });
  it('has no snapshot for other queries or paths leaving the folder', () => {
    expect(snapshotFile('/afrique/un-titre?sort=worst', sorts)).toBeUndefined();
    expect(snapshotFile('/afrique/un-titre?comment=published', sorts)).toBeUndefined();
    // Pages past the first of a discussion come from the application's page cache (docs/operations.md).
    expect(snapshotFile('/afrique/un-titre?page=2', sorts)).toBeUndefined();
    expect(snapshotFile('/afrique/un-titre?sort=newest&page=2', sorts)).toBeUndefined();
    expect(snapshotFile('/search?q=mali', sorts)).toBeUndefined();
    expect(snapshotFile('/sitemap.xml?page=1', sorts)).toBeUndefined();
    expect(snapshotFile('/../etc/passwd', sorts)).toBeUndefined();
    expect(snapshotFile('/%2e%2e/x', sorts)).toBeUndefined();
  });
});

describe.each(DIALECTS)('static snapshots behind Debian nginx on %s', needs('nginx'), (engine) => {
  let t: TestApp;
  let dir: string;
  let nginx: ChildProcess | undefined;
  let base: string;
  let stopSnapshots: (() => Promise<void>) | undefined;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'palabre-snapshots-'));
    chmodSync(dir, 0o755); // nginx started by root reads files as its unprivileged worker user
    const root = join(dir, 'www');
    mkdirSync(root);
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
    await createSection(t, editor.auth, 'Afrique');
    article = await createArticle(t, editor.auth, { title: 'Le fleuve en crue', section: 'afrique' });
    await warmUpPosting(t, editor.auth);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    const started = startStaticSnapshots(t.deps, t.app, root);
    stopSnapshots = started.stop;
    await started.ready;
    const port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, snapshotNginxConf({ prefix: dir, root, upstream: `127.0.0.1:${addr.port}`, listen: `127.0.0.1:${port}` }));
    nginx = spawn(NGINX_PATH, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    base = `http://127.0.0.1:${port}`;
    await vi.waitFor(
      async () => {
        if (nginx?.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
        expect((await fetch(`${base}/robots.txt`)).status).toBe(200);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
  afterAll(async () => {
    nginx?.kill('SIGTERM');
    if (nginx && nginx.exitCode === null) await new Promise((r) => nginx?.once('exit', r));
    await stopSnapshots?.();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the article from its snapshot, precompressed, with the gzip and brotli files beside it', async () => {
    const path = pathOf(article.url);
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-palabre-snapshot')).toBe('1');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('Le fleuve en crue');
    const file = join(dir, 'www', path, 'index.html');
    expect(gunzipSync(readFileSync(`${file}.gz`)).equals(readFileSync(file))).toBe(true);
    expect(existsSync(`${file}.br`)).toBe(true);
    for (const sort of ['newest', 'top']) {
      const sorted = await fetch(`${base}${path}?sort=${sort}`);
      expect(sorted.headers.get('x-palabre-snapshot')).toBe('1');
      expect(await sorted.text()).toBe(readFileSync(join(dir, 'www', path, `index.sort-${sort}.html`), 'utf8'));
    }
    expect((await fetch(`${base}/`)).headers.get('x-palabre-snapshot')).toBe('1');
    // A file is served as named; with any other query than an asset's, Palabre answers.
    const robots = await fetch(`${base}/robots.txt`);
    expect(robots.headers.get('x-palabre-snapshot')).toBe('1');
    expect(await robots.text()).toBe(readFileSync(join(dir, 'www', 'robots.txt'), 'utf8'));
    expect((await fetch(`${base}/robots.txt?x=1`)).headers.get('x-palabre-snapshot')).toBeNull();
  });

  it('shows a new comment in the page nginx serves within a second', async () => {
    const path = pathOf(article.url);
    const body = `Les digues ont tenu cette nuit ${Date.now()}.`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '192.0.2.31',
      payload: { body, name: 'Aminata', email: 'aminata@example.test', token: readerToken(t, article.id) },
    });
    expect(res.json().status).toBe('published');
    // From the moment the comment is acknowledged (published and committed).
    const started = Date.now();
    // Every order of the discussion is rewritten within the second, not only the default one.
    const served = async (query: string): Promise<boolean> => {
      const page = await fetch(`${base}${path}${query}`, { headers: { 'accept-encoding': 'gzip' } });
      return page.headers.get('x-palabre-snapshot') === '1' && (await page.text()).includes(body);
    };
    await expect
      .poll(async () => (await served('')) && (await served('?sort=newest')) && (await served('?sort=top')), {
        timeout: 1000,
        interval: 20,
      })
      .toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sends signed-in readers, other queries and writes to Palabre, not to a snapshot', async () => {
    const path = pathOf(article.url);
    const session = await sessionFor(t.deps, editor.id);
    const signedIn = await fetch(base + path, { headers: { cookie: session.cookie } });
    expect(signedIn.headers.get('x-palabre-snapshot')).toBeNull();
    expect(signedIn.headers.get('cache-control')).toContain('private');
    const withQuery = await fetch(`${base}${path}?comment=pending`);
    expect(withQuery.headers.get('x-palabre-snapshot')).toBeNull();
    const token = await fetch(`${base}${path}`, { method: 'POST' });
    expect(token.headers.get('x-palabre-snapshot')).toBeNull();
    // Methods a file does not answer (nginx's 405) reach Palabre too, with the reader's own URL and body.
    const patched = await fetch(`${base}/api/v1/articles/${article.id}`, {
      method: 'PATCH',
      headers: { ...editor.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ summary: 'Les eaux montent encore à Mopti.' }),
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).summary).toBe('Les eaux montent encore à Mopti.');
    const gone = await fetch(`${base}/api/v1/articles/999999`, { method: 'DELETE', headers: editor.auth });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/json');
  });

  it('keeps the article’s comment feed and its Sélection order as snapshots; the picks feed follows a pick through Palabre', async () => {
    const path = pathOf(article.url);
    const feed = `${base}${path}/comments.xml`;
    // Served once by Palabre (a miss), then kept as a file. (No speed claim here: the page test above times it.)
    expect((await fetch(feed)).status).toBe(200);
    await expect.poll(async () => (await fetch(feed)).headers.get('x-palabre-snapshot'), { timeout: 5000, interval: 20 }).toBe('1');
    const body = `Le niveau baisse enfin ${Date.now()}.`;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: '192.0.2.32', payload: { body, name: 'Oumar', email: 'oumar@example.test', token: readerToken(t, article.id) } });
    expect(res.json().status).toBe('published');
    await expect.poll(async () => (await fetch(feed)).text(), { timeout: 5000, interval: 20 }).toContain(body);
    const picks = await fetch(`${feed}?picks=1`);
    expect(picks.headers.get('x-palabre-snapshot')).toBeNull();
    expect(await picks.text()).not.toContain(body);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${res.json().id}/pick`, headers: editor.auth })).statusCode).toBe(200);
    expect(await (await fetch(`${feed}?picks=1`)).text()).toContain(body);
    await expect
      .poll(async () => {
        const sorted = await fetch(`${base}${path}?sort=picks`);
        return sorted.headers.get('x-palabre-snapshot') === '1' && (await sorted.text()).includes('badge-pick');
      }, { timeout: 5000, interval: 20 })
      .toBe(true);
  });

  it('removes the snapshot of an article taken down', async () => {
    const other = await createArticle(t, editor.auth, { title: 'Dépêche retirée', section: 'afrique' });
    const path = pathOf(other.url);
    await expect.poll(async () => (await fetch(base + path)).headers.get('x-palabre-snapshot'), { timeout: 1000, interval: 20 }).toBe('1');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/articles/${other.id}`, headers: editor.auth });
    expect(del.statusCode).toBeLessThan(300);
    await expect.poll(async () => (await fetch(base + path)).status, { timeout: 1000, interval: 20 }).toBe(404);
    expect(existsSync(join(dir, 'www', path, 'index.html'))).toBe(false);
  });
});

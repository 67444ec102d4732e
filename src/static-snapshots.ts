import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { parseSitemap, parseSitemapIndex } from 'sitemap';
import type { Deps } from './deps';
import { atomicWrite, snapshotFile, StaticSnapshots } from './infra/static-snapshots';
import { findNextScheduledAt } from './modules/articles/article.repository';
import { COMMENT_SORTS } from './modules/comments/comment';
import { FEED_FORMATS } from './modules/feeds/feed.service';
import { publicDir } from './web/assets';
import { tagsOfAnswer } from './web/page';

/** Orders of a discussion other than the default one, each with its own snapshot. */
const OTHER_SORTS = COMMENT_SORTS.filter((s) => s !== 'oldest');
const NEVER = 2 ** 31 - 1;
/** Channel on which serving workers name the pages they rendered to the snapshot writer. */
const SERVED = 'static-served';
/** URLs a serving worker remembers having named; past this many it starts over (a few names again). */
const NAMED_MAX = 20_000;

/** An article's page: /section/slug (tag and author pages have a fixed first segment). */
function isArticlePath(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  return parts.length === 2 && parts[0] !== 'tag' && parts[0] !== 'author';
}

async function urlsOf(xml: Buffer, index: boolean): Promise<string[]> {
  const items = index ? (await parseSitemapIndex(Readable.from([xml]))).map((i) => i.url) : (await parseSitemap(Readable.from([xml]))).map((i) => i.url);
  return items.map((u) => {
    const url = new URL(u);
    return url.pathname + url.search;
  });
}

/**
 * Writes the anonymous pages into PALABRE_STATIC_DIR and keeps them current (docs/operations.md,
 * "Static snapshots"). Returns the function that stops it.
 */
export function startStaticSnapshots(deps: Deps, app: FastifyInstance, dir: string): { stop: () => Promise<void>; ready: Promise<void>; snapshots: StaticSnapshots } {
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    // The page's own tags, also when its render was not kept (a drop during it, as in every burst) or
    // its cache key is not its URL (/sitemap.xml); none for robots.txt (the configuration alone).
    return { status: res.statusCode, body: res.rawPayload, tags: [...(tagsOfAnswer(res.raw.req) ?? [])] };
  };
  const discover = async (): Promise<string[]> => {
    const root = await get('/sitemap.xml');
    if (root.status !== 200) return [];
    const isIndex = root.body.includes('<sitemapindex');
    const pages = isIndex ? await Promise.all((await urlsOf(root.body, true)).map(async (u) => urlsOf((await get(u)).body, false))) : [await urlsOf(root.body, false)];
    return pages.flat().flatMap((path) => (isArticlePath(path) ? [path, ...OTHER_SORTS.map((s) => `${path}?sort=${s}`)] : [path]));
  };
  const snapshots = new StaticSnapshots({
    dir,
    fetch: get,
    seeds: ['/', '/robots.txt', '/sitemap.xml', '/news-sitemap.xml', ...Object.keys(FEED_FORMATS).map((f) => `/${f}`)],
    discover,
    sorts: OTHER_SORTS,
    listTags: ['lists'],
    onError: (err, url) => deps.log.warn({ err, url }, 'static snapshot not written'),
    onFlush: (flush) => deps.log.debug(flush, 'static snapshots written'),
  });
  // Pages rendered by the serving workers, when this process is not one of them (src/cluster.ts).
  const unsubscribe = deps.pubsub.subscribe(SERVED, (url) => snapshots.discovered(url)).catch((err: unknown) => {
    deps.log.warn({ err }, 'static snapshots: the served pages of other workers are not followed');
    return undefined;
  });
  const unwatch = deps.cache.watch({
    stored: (key, tags) => snapshots.remember(key, tags),
    dropped: (tags) => {
      snapshots.changed(tags);
      if (tags.includes('*') || tags.includes('lists')) void arm();
    },
  });
  // A scheduled article goes live without any write: a timer stands for the change.
  let timer: NodeJS.Timeout | undefined;
  const arm = async () => {
    const now = deps.clock.now();
    const next = await findNextScheduledAt(deps.db, now.toISOString()).catch(() => undefined);
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!next) return;
    timer = setTimeout(
      () => {
        snapshots.changed(['lists']);
        void arm();
      },
      Math.min(NEVER, Math.max(0, new Date(next).getTime() - now.getTime()) + 5),
    );
    timer.unref();
  };
  // The first full write can take a while on a large site: the server answers meanwhile (nginx falls back to it).
  const ready = (async () => {
    await writeAssets(join(dir, 'assets'));
    await snapshots.start();
    await arm();
  })().catch((err: unknown) => deps.log.error({ err }, 'static snapshots could not start'));
  return {
    snapshots,
    ready,
    stop: async () => {
      unwatch();
      (await unsubscribe)?.();
      await snapshots.stop();
      await ready;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * In a serving worker beside the cluster's snapshot worker: names each page this worker stored in
 * its page cache (once per worker) to the snapshot writer, which would otherwise know only the
 * sitemap's pages and its own. Returns the function that stops it.
 */
export function announceServedPages(deps: Deps): () => void {
  const named = new Set<string>();
  return deps.cache.watch({
    stored: (key) => {
      if (named.has(key) || snapshotFile(key, OTHER_SORTS) === undefined) return;
      if (named.size >= NAMED_MAX) named.clear();
      named.add(key);
      deps.pubsub.publish(SERVED, key).catch((err: unknown) => deps.log.debug({ err, url: key }, 'served page not named to the snapshot writer'));
    },
    dropped: () => undefined,
  });
}

/** The built assets beside their .gz and .br (taken from the build when it made them). */
async function writeAssets(to: string): Promise<void> {
  const from = publicDir();
  const names = (await readdir(from).catch(() => [] as string[])).filter((n) => !/\.(gz|br|map)$/.test(n));
  await mkdir(to, { recursive: true });
  for (const name of names) {
    const body = await readFile(join(from, name));
    const gz = (await readFile(join(from, `${name}.gz`)).catch(() => undefined)) ?? gzipSync(body, { level: 9 });
    const br = (await readFile(join(from, `${name}.br`)).catch(() => undefined)) ?? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
    await atomicWrite(join(to, `${name}.gz`), gz);
    await atomicWrite(join(to, `${name}.br`), br);
    await atomicWrite(join(to, name), body);
  }
}

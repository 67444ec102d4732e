import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
/** Pages written at once. */
const WRITERS = 4;
/** The largest share of the time the writing may take while changes keep coming (see StaticSnapshots.period). */
const DUTY = 0.2;

/**
 * What the writer needs from the site: an anonymous GET, answered as the site would answer it, with
 * the tags its page carries in the page cache. No tags: a page no change names (robots.txt, made of
 * the configuration alone), written again only when everything changes (`*`).
 */
export type FetchPage = (url: string) => Promise<{ status: number; body: Buffer; tags: string[] }>;

/** The discussion orders that get a snapshot of their own (`?sort=` values). */
export interface SnapshotOptions {
  dir: string;
  fetch: FetchPage;
  /** Pages always kept (home, robots.txt, sitemaps, feeds); more are found in the sitemap and as they are served. */
  seeds: string[];
  /** URLs of the pages the site lists (home, sections, tags, articles and each order of their discussion). */
  discover: () => Promise<string[]>;
  /** Discussion orders other than the default; each article also gets `index.sort-ORDER.html`. */
  sorts: readonly string[];
  /** Tags that mean "the list of pages may have changed" (a new article, a section renamed). */
  listTags: readonly string[];
  /** How long changes are gathered before the pages they touch are written again (well under a second). */
  gatherMs?: number;
  /**
   * The shortest time between two writes of the pages (a burst of comments: each page written at
   * most once per window, trailing, not once per comment); a change after a quiet spell waits gatherMs only.
   */
  windowMs?: number;
  /** How long a change may take to be on disk (ms, 1000): under load the writing slows down only as far as this allows. */
  promiseMs?: number;
  onError?: (err: unknown, url: string) => void;
  /** After each write of the dirty pages: how many, how long it took and the shortest wait until the next one begins (ms). */
  onFlush?: (flush: { pages: number; ms: number; periodMs: number }) => void;
}

/**
 * Where the snapshot of a URL lives in the folder, where nginx's configuration (docs/operations.md,
 * scripts/nginx-conf.mjs) looks for it — and `try_files $uri/index.html $uri` would too:
 * `/afrique/un-titre` → `afrique/un-titre/index.html`, `?sort=newest` → `afrique/un-titre/index.sort-newest.html`,
 * `/feed.xml` → `feed.xml`. Undefined for a URL no snapshot stands for (any other query).
 */
export function snapshotFile(url: string, sorts: readonly string[]): string | undefined {
  const [path, query] = url.split('?', 2) as [string, string | undefined];
  if (!path.startsWith('/') || path.includes('..') || path.includes('\\') || path.includes('%')) return undefined;
  const last = path.slice(path.lastIndexOf('/') + 1);
  const isFile = last.includes('.');
  let index = 'index.html';
  if (query !== undefined && query !== '') {
    const sort = /^sort=([a-z]+)$/.exec(query)?.[1];
    if (isFile || sort === undefined || !sorts.includes(sort)) return undefined;
    index = `index.sort-${sort}.html`;
  }
  const rel = isFile ? path.slice(1) : join(path.slice(1), index);
  const clean = normalize(rel);
  return clean.startsWith('..') || clean.startsWith(sep) ? undefined : clean;
}

/**
 * Keeps a folder of the pages that are the same for every anonymous reader, each beside
 * its `.gz` and `.br`, for nginx or a CDN to serve without asking Palabre. A page is
 * written again shortly after the page cache drops it (the site's one signal that a page
 * changed, sent on every instance through the pub/sub), and removed when it stops existing.
 *
 * The pace. A change after a quiet spell is written gatherMs later. Under a burst (comments every
 * millisecond) a flush — the dirty pages fetched, rendered by the site on this thread, compressed —
 * grows with the pages (an article of 10,000 comments in its 4 orders: 250–640 ms under load), and
 * starting the next one as soon as it ended kept the writer busy most of the time, taking a quarter
 * of the event loop from the writes. So the start of a flush is at least period() after the start of
 * the previous one: its length over DUTY (5 × it: the writing takes at most a fifth of the time),
 * never less than windowMs, and never more than promiseMs minus that length, because a change just
 * after a page was fetched waits for the next flush to start and to end: period + length, which
 * stays within promiseMs (a second) while a flush takes less than half of it. Lengths are measured
 * in wall time (performance.now()): what the writes waited behind it, more than its CPU alone.
 */
export class StaticSnapshots {
  /** URL → the tags its cached page carries (`*`: not fetched yet, any change; none: only a change of everything). */
  private readonly known = new Map<string, string[]>();
  /** Tag → the URLs whose page carries it: a drop finds its pages without going through every page known. */
  private readonly byTag = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private rediscover = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** When the last write of pages began (ms, performance.now()). */
  private lastRun = -Infinity;
  /** How long it took (ms). */
  private lastLength = 0;

  constructor(private readonly opts: SnapshotOptions) {}

  /** Writes every page once. */
  async start(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    for (const url of this.opts.seeds) this.setTags(url, ['*']);
    await this.discover();
    for (const url of this.known.keys()) this.dirty.add(url);
    await this.flush();
  }

  /** A page was served from the cache's miss: keep it from now on (author pages, feeds of a tag…). */
  remember(url: string, tags: string[]): void {
    if (this.stopped || snapshotFile(url, this.opts.sorts) === undefined) return;
    const had = this.known.has(url);
    this.setTags(url, tags);
    if (!had) this.mark([url]);
  }

  /** Another process served this page (its tags unknown here): keep it from now on, fetched here for its tags. */
  discovered(url: string): void {
    if (!this.known.has(url)) this.remember(url, ['*']);
  }

  /** The page cache dropped pages with these tags: write their snapshots again. */
  changed(tags: string[]): void {
    if (this.stopped) return;
    const all = tags.includes('*');
    if (all || tags.some((t) => this.opts.listTags.includes(t))) this.rediscover = true;
    // Pages not fetched yet (`*`) go with any change.
    if (all) this.mark(this.known.keys());
    else for (const tag of ['*', ...tags]) this.mark(this.byTag.get(tag) ?? []);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private setTags(url: string, tags: string[]): void {
    this.forget(url);
    this.known.set(url, tags);
    for (const tag of tags) {
      const urls = this.byTag.get(tag) ?? new Set<string>();
      this.byTag.set(tag, urls.add(url));
    }
  }

  private forget(url: string): void {
    for (const tag of this.known.get(url) ?? []) {
      const urls = this.byTag.get(tag);
      urls?.delete(url);
      if (urls?.size === 0) this.byTag.delete(tag);
    }
    this.known.delete(url);
  }

  private mark(urls: Iterable<string>): void {
    for (const url of urls) this.dirty.add(url);
    if (this.dirty.size === 0 && !this.rediscover) return;
    // Changes arriving together (a burst of comments) are written once, gatherMs later, and no
    // sooner than period() after the previous write began.
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => this.run(), Math.max(this.opts.gatherMs ?? 50, this.lastRun + this.period() - performance.now()));
  }

  /** The shortest time between the starts of two flushes (ms): see the class's comment. */
  private period(): number {
    const windowMs = this.opts.windowMs ?? 200;
    const cap = Math.max(windowMs, (this.opts.promiseMs ?? 1000) - this.lastLength);
    return Math.min(cap, Math.max(windowMs, this.lastLength / DUTY));
  }

  private run(): void {
    this.timer = undefined;
    const began = performance.now();
    this.lastRun = began;
    this.running = this.flush().then((pages) => {
      this.lastLength = performance.now() - began;
      this.opts.onFlush?.({ pages, ms: Math.round(this.lastLength), periodMs: Math.round(this.period()) });
    }).finally(() => {
      this.running = undefined;
      if (!this.stopped && (this.dirty.size > 0 || this.rediscover)) this.mark([]);
    });
  }

  /** Writes the dirty pages; returns how many. */
  private async flush(): Promise<number> {
    if (this.rediscover) {
      this.rediscover = false;
      await this.discover();
    }
    const batch = [...this.dirty];
    this.dirty.clear();
    // A few at a time: one page renders while another's compression runs on libuv's threads.
    const next = async (): Promise<void> => {
      for (let url = batch.shift(); url !== undefined && !this.stopped; url = batch.shift()) {
        await this.write(url).catch((err: unknown) => this.opts.onError?.(err, url));
      }
    };
    const pages = batch.length;
    await Promise.all(Array.from({ length: WRITERS }, next));
    return pages;
  }

  private async discover(): Promise<void> {
    let urls: string[];
    try {
      urls = await this.opts.discover();
    } catch (err) {
      this.opts.onError?.(err, 'sitemap');
      return;
    }
    for (const url of urls) {
      if (!this.known.has(url)) {
        this.setTags(url, ['*']);
        this.dirty.add(url);
      }
    }
  }

  private async write(url: string): Promise<void> {
    const rel = snapshotFile(url, this.opts.sorts);
    if (rel === undefined) return;
    const file = join(this.opts.dir, rel);
    const page = await this.opts.fetch(url);
    if (page.status === 200 && this.known.has(url)) this.setTags(url, page.tags);
    if (page.status !== 200) {
      this.forget(url);
      await Promise.all(['', '.gz', '.br'].map((ext) => rm(file + ext, { force: true })));
      return;
    }
    if (await sameBytes(file, page.body)) return;
    const [gz, br] = await Promise.all([
      // Rewritten on every change: levels that compress a 175 KiB page in a few milliseconds.
      gzipAsync(page.body, { level: 6 }),
      brotliAsync(page.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: page.body.length } }),
    ]);
    await mkdir(dirname(file), { recursive: true });
    // Compressed files first, the original last: nginx serves the .gz only beside an existing original.
    await atomicWrite(file + '.gz', gz);
    await atomicWrite(file + '.br', br);
    await atomicWrite(file, page.body);
  }
}

/** Whether the file holds these bytes; under a burst most pages change length, and the old bytes are not read then. */
async function sameBytes(file: string, bytes: Buffer): Promise<boolean> {
  const size = await stat(file).then((s) => s.size, () => -1);
  if (size !== bytes.length) return false;
  const current = await readFile(file).catch(() => undefined);
  return current?.equals(bytes) === true;
}

/** Writes beside the target then renames: a reader sees the old bytes or the new ones, never half. */
export async function atomicWrite(file: string, bytes: Buffer): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { PubSub } from './pubsub';

/** A rendered anonymous page, ready to send: the same bytes for every anonymous reader. */
export interface CachedPage {
  body: Buffer;
  /** The body gzipped (level 6), made on first use and kept. */
  readonly gzip: Buffer;
  etag: string;
  contentType: string;
  status: number;
  tags: string[];
  expiresAt: number;
}

const CHANNEL = 'cache-invalidate';

/** Told when a page is stored and when pages are dropped (here or by another instance): the static snapshots. */
export interface CacheWatcher {
  stored(key: string, tags: string[]): void;
  dropped(tags: string[]): void;
}

/**
 * In-memory cache of anonymous pages, keyed by path, invalidated by tags
 * (`article:12`, `lists`) on every instance through the pub/sub.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private unsubscribe: (() => void) | undefined;
  private readonly watchers = new Set<CacheWatcher>();
  /** Renders in progress by key: concurrent misses of one page wait for one render (no stampede). */
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Moves on every drop; a render begun before a drop of one of its page's tags is sent but not kept. */
  generation = 0;
  /** The generation each tag was last dropped at (`*`: every page); a burst of comments on one article leaves the others' renders kept. */
  private readonly droppedAt = new Map<string, number>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly now: () => number,
    private readonly maxEntries = 5000,
  ) {}

  /** Starts listening to invalidations from other instances. */
  async start(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(CHANNEL, (msg) => this.dropLocal(JSON.parse(msg) as string[]));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Registers a watcher; returns the function that removes it. */
  watch(w: CacheWatcher): () => void {
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  /**
   * Runs `work` once for concurrent callers of the same key: the first miss renders,
   * the others wait for its result instead of rendering the same page again.
   */
  async once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const p = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  get(key: string): CachedPage | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /**
   * Stores a page for ttlMs. Its gzip is made once, when a reader first asks for it, not per
   * request: a page nobody asks gzip of (a static snapshot's fetch, a render not kept because
   * the discussion changed meanwhile) costs the event loop no compression.
   */
  set(key: string, page: { body: string; contentType: string; status?: number; tags: string[] }, ttlMs: number, since = this.generation): CachedPage {
    const body = Buffer.from(page.body);
    let gzip: Buffer | undefined;
    const entry: CachedPage = {
      body,
      get gzip() {
        gzip ??= gzipSync(body, { level: 6 });
        return gzip;
      },
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      contentType: page.contentType,
      status: page.status ?? 200,
      tags: page.tags,
      expiresAt: this.now() + ttlMs,
    };
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    if (ttlMs > 0 && this.unchangedSince(since, entry.tags)) {
      this.entries.set(key, entry);
      for (const w of this.watchers) w.stored(key, entry.tags);
    }
    return entry;
  }

  /** Whether no page with these tags was dropped after generation `since`. */
  private unchangedSince(since: number, tags: string[]): boolean {
    if (since === this.generation) return true;
    if ((this.droppedAt.get('*') ?? -1) > since || tags.length === 0) return false;
    return tags.every((t) => (this.droppedAt.get(t) ?? -1) <= since);
  }

  /** Drops every page carrying one of the tags, here and on every other instance. */
  async invalidate(tags: string[]): Promise<void> {
    this.dropLocal(tags);
    await this.pubsub.publish(CHANNEL, JSON.stringify(tags));
  }

  private dropLocal(tags: string[]): void {
    const set = new Set(tags);
    const all = set.has('*');
    for (const [k, e] of this.entries) if (all || e.tags.some((t) => set.has(t))) this.entries.delete(k);
    // Renders that started before the change may hold old bytes: later callers start new ones, and
    // set() does not store what they produce.
    this.inflight.clear();
    this.generation++;
    for (const t of set) this.droppedAt.set(t, this.generation);
    for (const w of this.watchers) w.dropped(tags);
  }

  get size(): number {
    return this.entries.size;
  }
}

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { PubSub } from './pubsub';

/** A rendered anonymous page, ready to send: the same bytes for every anonymous reader. */
export interface CachedPage {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  contentType: string;
  status: number;
  tags: string[];
  expiresAt: number;
}

const CHANNEL = 'cache-invalidate';

/**
 * In-memory cache of anonymous pages, keyed by path, invalidated by tags
 * (`article:12`, `lists`) on every instance through the pub/sub.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private unsubscribe: (() => void) | undefined;

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

  get(key: string): CachedPage | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Stores a page for ttlMs; the body is compressed once here, not per request. */
  set(key: string, page: { body: string; contentType: string; status?: number; tags: string[] }, ttlMs: number): CachedPage {
    const body = Buffer.from(page.body);
    const entry: CachedPage = {
      body,
      gzip: gzipSync(body, { level: 6 }),
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
    if (ttlMs > 0) this.entries.set(key, entry);
    return entry;
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
  }

  get size(): number {
    return this.entries.size;
  }
}

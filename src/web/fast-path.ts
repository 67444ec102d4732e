import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { CachedPage, PageCache } from '../infra/page-cache';

/** What the full path answered for one URL: the cache key of its page and the headers it sent with it. */
interface Known {
  key: string;
  headers: OutgoingHttpHeaders;
}

/** Headers that depend on the request or on the page's bytes: set per answer, never replayed. */
const PER_ANSWER = new Set(['content-length', 'content-encoding', 'etag', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The shortest path for the commonest request of a breaking-news spike: an anonymous GET of a page
 * already in the page cache. The first time the full Fastify path answers a URL from the cache it
 * remembers the page's key and the headers it sent (security headers, CSP, cache-control…); later
 * requests for that URL with no cookie and no Authorization header are answered here, from the same
 * cached bytes with the same headers, before routing, hooks and logging. Anything else — a miss, an
 * expired or dropped page, a cookie, another method — goes the full way, which remembers again.
 */
export class FastPages {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly cache: PageCache,
    private readonly maxUrls = 10_000,
  ) {}

  /** Called by the full path after it answered `url` with the cached page `key`. */
  remember(url: string, key: string, sent: Record<string, string | number | string[] | undefined>): void {
    // A page answered with a cookie is somebody's: it is never replayed to others.
    if (this.known.has(url) || Object.keys(sent).some((name) => name.toLowerCase() === 'set-cookie')) return;
    if (this.known.size >= this.maxUrls) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(sent)) if (value !== undefined && !PER_ANSWER.has(name.toLowerCase())) headers[name] = value;
    this.known.set(url, { key, headers });
  }

  /** Answers the request and returns true when it can; false leaves it untouched for Fastify. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (req.headers.cookie !== undefined || req.headers.authorization !== undefined || req.url === undefined) return false;
    const known = this.known.get(req.url);
    if (!known) return false;
    const page = this.cache.get(known.key);
    if (!page || page.status !== 200) return false;
    send(req, res, page, known.headers);
    return true;
  }
}

function send(req: IncomingMessage, res: ServerResponse, page: CachedPage, headers: OutgoingHttpHeaders): void {
  if (req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, { ...headers, etag: page.etag });
    res.end();
    return;
  }
  const accept = req.headers['accept-encoding'];
  const gzip = typeof accept === 'string' && /\bgzip\b/.test(accept);
  const body = gzip ? page.gzip : page.body;
  res.writeHead(200, { ...headers, etag: page.etag, 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

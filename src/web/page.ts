import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import type { CachedPage } from '../infra/page-cache';

export const HTML = 'text/html; charset=utf-8';

/** The tags of the page each request was answered with, hit or miss, stored or not (read by the static snapshots after an inject). */
const answered = new WeakMap<object, readonly string[]>();

/** The tags of the page sendPage answered this raw request with; undefined for any other answer (robots.txt, a redirect). */
export function tagsOfAnswer(raw: object): readonly string[] | undefined {
  return answered.get(raw);
}

export interface PageSpec {
  /** Cache key; usually the path and query. */
  key: string;
  /** Invalidation tags, e.g. `article:12`, `lists`. */
  tags: string[];
  /** How long the page may be served from memory (0: never cached). */
  ttlMs: number;
  contentType?: string;
  render(): Promise<{ body: string; status?: number }>;
}

/**
 * Sends a public page. For anonymous readers the bytes are the same for everyone,
 * so they are rendered once, kept in memory (compressed once) and answered with
 * ETag/304; signed-in users always get a fresh render that is never stored.
 */
export async function sendPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, spec: PageSpec): Promise<FastifyReply> {
  const anonymous = request.user === null;
  answered.set(request.raw, spec.tags);
  const hit = anonymous ? deps.cache.get(spec.key) : undefined;
  if (hit) return rememberFast(request, reply, spec.key, sendCached(request, reply, hit, true));
  if (!anonymous || spec.ttlMs <= 0) return sendFresh(reply, await spec.render(), spec, anonymous);
  // Concurrent anonymous misses of one page share one render (no stampede when a popular page is dropped).
  const made = await deps.cache.once(spec.key, async () => {
    const since = deps.cache.generation;
    const out = await spec.render();
    if ((out.status ?? 200) !== 200) return { out };
    return { out, page: deps.cache.set(spec.key, { body: out.body, contentType: spec.contentType ?? HTML, status: 200, tags: spec.tags }, spec.ttlMs, since) };
  });
  return made.page ? rememberFast(request, reply, spec.key, sendCached(request, reply, made.page, true)) : sendFresh(reply, made.out, spec, anonymous);
}

/** A cached page answered to a request with no cookie and no Authorization: later ones take the fast path. */
function rememberFast(request: FastifyRequest, reply: FastifyReply, key: string, sent: FastifyReply): FastifyReply {
  if (request.headers.cookie === undefined && request.headers.authorization === undefined && request.method === 'GET' && reply.statusCode === 200) {
    request.server.fastPages.remember(request.raw.url ?? request.url, key, reply.getHeaders());
  }
  return sent;
}

function sendFresh(reply: FastifyReply, out: { body: string; status?: number }, spec: PageSpec, anonymous: boolean): FastifyReply {
  // Personal or uncacheable: sent as is, never stored, never compressed here.
  return reply
    .code(out.status ?? 200)
    .header('content-type', spec.contentType ?? HTML)
    .header('cache-control', anonymous ? 'no-cache' : 'private, no-store')
    .send(out.body);
}

/** Writes a cached page with validators, honouring If-None-Match and gzip. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage, shared: boolean): FastifyReply {
  reply.header('content-type', page.contentType);
  reply.header('vary', 'Accept-Encoding, Cookie');
  reply.header(
    'cache-control',
    shared ? 'public, max-age=0, must-revalidate, s-maxage=5, stale-while-revalidate=30' : 'private, no-store',
  );
  if (page.status !== 200) return reply.code(page.status).send(page.body);
  reply.header('etag', page.etag);
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  const accept = request.headers['accept-encoding'];
  if (typeof accept === 'string' && /\bgzip\b/.test(accept)) {
    reply.header('content-encoding', 'gzip');
    return reply.code(200).send(page.gzip);
  }
  return reply.code(200).send(page.body);
}

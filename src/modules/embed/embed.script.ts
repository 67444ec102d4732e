import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { publicDir } from '../../web/assets';

/** How long browsers and proxies may keep /embed.js: its URL never changes, so not a year like /assets. */
const SCRIPT_CACHE = 'public, max-age=3600, stale-while-revalidate=86400';

interface Script {
  body: Buffer;
  etag: string;
}

let loaded: Script | undefined;

/** The built loader (dist/public/embed.js, from src/browser/embed.ts), read once. */
function loaderScript(): Script {
  if (!loaded) {
    const body = readFileSync(join(publicDir(), 'embed.js'));
    loaded = { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` };
  }
  return loaded;
}

/**
 * GET /embed.js: the script other sites include with
 * `<script src="BASE/embed.js" data-palabre-url="PAGE_URL" async></script>`.
 * Its address is fixed (it is in their pages), so it is cached for an hour and revalidated by ETag.
 */
export function registerEmbedScript(app: FastifyInstance): void {
  app.get('/embed.js', async (request, reply) => {
    const script = loaderScript();
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', SCRIPT_CACHE)
      .header('etag', script.etag)
      .header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === script.etag) return reply.code(304).send();
    return reply.send(script.body);
  });
}

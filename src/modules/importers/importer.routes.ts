import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { isShortLink, resolveImportedUrl } from './legacy-url';

/**
 * WordPress short links (`/?p=123`) hit the home page, which exists, so the 404
 * fallback never sees them: they are answered here, before routing, with 301 to
 * the article when an import recorded one (else the home page is served as usual).
 */
export function registerImporterRoutes(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !isShortLink(request.url)) return;
    const target = await resolveImportedUrl(deps, request.url);
    if (target) return reply.redirect(target, 301);
  });
}

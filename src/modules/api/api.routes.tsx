import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { adminPage, redirectAnonymousToLogin } from '../admin/admin.guard';
import { sendAdmin } from '../admin/admin.render';
import { buildOpenApiDocument } from './api.document';

/** Swagger UI's own files, served from the package (no CDN): only the two the page loads. */
const SWAGGER_FILES = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);
const SWAGGER_PREFIX = '/admin/api/assets/';

/**
 * GET /api/v1/openapi.json, and its readable page at /admin/api under the site's own CSP
 * (Swagger UI 5 needs no inline script or style there: test/e2e/api-docs.test.ts watches
 * for violations), its init script a built asset (src/browser/api-docs.ts).
 */
export async function registerApiRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  // Built once: the document depends on the code and the base URL, never on the data.
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/api/v1/openapi.json', async (_request, reply) => {
    document ??= buildOpenApiDocument({ baseUrl: deps.config.baseUrl, version: process.env.npm_package_version ?? '0.1.0' });
    return reply.header('cache-control', 'public, max-age=300').send(document);
  });

  const swaggerRoot = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, {
    root: swaggerRoot,
    prefix: SWAGGER_PREFIX,
    decorateReply: false,
    index: false,
    wildcard: true,
    maxAge: '1d',
    allowedPath: (path) => SWAGGER_FILES.has(path),
  });

  await app.register(async (pages) => {
    redirectAnonymousToLogin(pages);
    pages.get('/admin/api', async function showApiReference(request, reply) {
      const ctx = adminPage(request, 'admin:api-docs');
      return sendAdmin(
        ctx,
        reply,
        { title: ctx.t('apidocs.title'), scripts: ['api-docs.js'] },
        <>
          <p>{ctx.t('apidocs.intro')}</p>
          <p>
            <a href="/api/v1/openapi.json">{ctx.t('apidocs.download')}</a>
          </p>
          <link rel="stylesheet" href={`${SWAGGER_PREFIX}swagger-ui.css`} />
          <div id="api-reference" data-url="/api/v1/openapi.json"></div>
          <script src={`${SWAGGER_PREFIX}swagger-ui-bundle.js`}></script>
        </>,
      );
    });
  });
}

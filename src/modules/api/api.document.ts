import { createDocument, type ZodOpenApiObject } from 'zod-openapi';
import { SECURITY_SCHEMES, type ApiPaths } from '../../infra/openapi';
import { accountPaths } from '../accounts/account.openapi';
import { articlePaths } from '../articles/article.openapi';
import { commentPaths } from '../comments/comment.openapi';
import { healthPaths } from './health.openapi';
import { mediaPaths } from '../media/media.openapi';
import { moderationPaths } from '../moderation/moderation.openapi';
import { privacyPaths } from '../privacy/privacy.openapi';

/** Every module's own description of its routes; a module with public API routes adds one line. */
const MODULE_PATHS: readonly ApiPaths[] = [healthPaths, articlePaths, mediaPaths, accountPaths, commentPaths, moderationPaths, privacyPaths];

/** The whole API as an OpenAPI 3.1 document, built from the zod schemas the routes validate with. */
export function buildOpenApiDocument(o: { baseUrl: string; version: string }): ReturnType<typeof createDocument> {
  const paths: ApiPaths = {};
  for (const part of MODULE_PATHS) {
    for (const [path, item] of Object.entries(part)) {
      // Two modules may answer different methods of one path (e.g. /api/v1/comments/{id}).
      paths[path] = { ...paths[path], ...item };
    }
  }
  const spec: ZodOpenApiObject = {
    openapi: '3.1.0',
    info: {
      title: 'Palabre API',
      version: o.version,
      description:
        'The JSON API of a Palabre site. Errors are `{"error": CODE, "message": TEXT}` (docs/errors.md). ' +
        'Authenticate with `Authorization: Bearer TOKEN` or the session cookie of /login (unsafe requests then need the site’s Origin).',
    },
    servers: [{ url: o.baseUrl }],
    paths,
    components: { securitySchemes: { ...SECURITY_SCHEMES } },
  };
  return createDocument(spec);
}

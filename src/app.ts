import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Deps } from './deps';
import { registerAuth } from './modules/accounts/auth.plugin';
import { registerArticlePages } from './modules/articles/article.pages';
import { registerArticleRoutes } from './modules/articles/article.routes';
import { registerCommentRoutes } from './modules/comments/comment.routes';
import { registerModules } from './modules/routes';
import { registerModerationRoutes } from './modules/moderation/moderation.routes';
import { assetUrl, publicDir } from './web/assets';
import { registerErrorHandling } from './web/error-handler';
import { translator } from './web/i18n/i18n';
import { registerSecurity } from './web/security';
import './web/fastify-types';

/** Largest request body accepted (uploads have their own limit). */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the whole application without listening; tests call app.inject. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  const t = translator(deps.config.locale);
  app.decorateRequest('locale', deps.config.locale);
  app.decorateRequest('t', { getter: () => t });

  registerErrorHandling(app, deps);
  registerSecurity(app, deps.config.baseUrl);
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // With several instances the limits are shared through Redis.
  const limitStore = deps.config.redisUrl ? new Redis(deps.config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 }) : undefined;
  if (limitStore) {
    limitStore.on('error', () => undefined);
    app.addHook('onClose', async () => {
      await limitStore.quit().catch(() => undefined);
    });
  }
  await app.register(rateLimit, {
    global: false,
    ...(limitStore ? { redis: limitStore, nameSpace: `${deps.config.redisPrefix}rl:` } : {}),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'rate_limited', message: `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s` }),
  });
  await app.register(fastifyStatic, {
    root: publicDir(),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    wildcard: true,
    preCompressed: true, // the .br/.gz that scripts/build.mjs writes beside each asset
  });
  registerAuth(app, deps);

  // Browsers and crawlers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect(assetUrl('favicon.svg'), 301));

  app.get('/api/v1/health', async () => {
    await deps.db.selectFrom('settings').select('key').limit(1).execute();
    return { status: 'ok', engine: deps.dialect.engine, version: process.env.npm_package_version ?? '0.1.0' };
  });

  registerArticleRoutes(app, deps);
  registerCommentRoutes(app, deps);
  registerModerationRoutes(app, deps);
  await registerModules(app, deps);
  // The catch-all public routes (/:section, /:section/:slug) come last.
  registerArticlePages(app, deps);
  return app;
}

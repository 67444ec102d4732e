import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { createServer, type RequestListener } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Redis } from 'ioredis';
import Negotiator from 'negotiator';
import { LOCALES, type Locale } from './config';
import type { Deps } from './deps';
import { registerAuth } from './modules/accounts/auth.plugin';
import { registerArticlePages } from './modules/articles/article.pages';
import { registerArticleRoutes } from './modules/articles/article.routes';
import { registerCommentRoutes } from './modules/comments/comment.routes';
import { registerModules } from './modules/routes';
import { registerModerationRoutes } from './modules/moderation/moderation.routes';
import { assetUrl, publicDir } from './web/assets';
import { parseQuerySingle, registerInputBoundary } from './web/boundary';
import { registerHealth, registerOverloadShedding } from './web/health';
import { FAIL_FAST_REDIS, redisReady } from './infra/pubsub';
import { redisStoreWithFallback } from './web/rate-limit-store';
import { registerRateLimitDefaults } from './web/rate-limits';
import { registerErrorHandling } from './web/error-handler';
import { translator, type Translate } from './web/i18n/i18n';
import { registerSecurity } from './web/security';
import { FastPages } from './web/fast-path';
import './web/fastify-types';

/** Largest request body accepted (uploads have their own limit). */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the whole application without listening; tests call app.inject. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const fastPages = new FastPages(deps.cache);
  const app: FastifyInstance = Fastify({
    // Anonymous hits of cached pages are answered before Fastify (src/web/fast-path.ts); the rest goes on.
    serverFactory: (handler: RequestListener, options: FastifyServerOptions) => listener(fastPages, handler, options),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- TypeScript 7 (tsc) needs it; the linter's TypeScript 6 does not
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseQuerySingle },
  });

  app.decorate('fastPages', fastPages);
  const translators = Object.fromEntries(LOCALES.map((l) => [l, translator(l)])) as Record<Locale, Translate>;
  app.decorateRequest('locale', deps.config.locale);
  app.decorateRequest('t', {
    getter(this: { locale: Locale }) {
      return translators[this.locale];
    },
  });
  // API answers speak the client's language (Accept-Language, French by default); pages keep the
  // site's, since anonymous pages are cached once for everyone.
  // One callback hook, no promise.
  const offered = [...LOCALES];
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers['accept-language'] && request.url.startsWith('/api/')) {
      const preferred = new Negotiator(request).language(offered);
      if (preferred === 'fr' || preferred === 'en') request.locale = preferred;
    }
    done();
  });

  registerErrorHandling(app, deps);
  await registerOverloadShedding(app);
  registerInputBoundary(app, deps.dialect);
  registerSecurity(app, deps.config.baseUrl);
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // With several instances the limits are shared through Redis; while Redis is down, each process counts alone.
  const limitStore = deps.config.redisUrl ? new Redis(deps.config.redisUrl, FAIL_FAST_REDIS) : undefined;
  if (limitStore) {
    limitStore.on('error', () => undefined);
    app.addHook('onClose', async () => {
      if (limitStore.status === 'ready') await limitStore.quit().catch(() => undefined);
      else limitStore.disconnect();
    });
    await redisReady(limitStore);
  }
  registerRateLimitDefaults(app);
  await app.register(rateLimit, {
    global: false,
    ...(limitStore ? { store: redisStoreWithFallback(limitStore, `${deps.config.redisPrefix}rl:`) } : {}),
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

  registerHealth(app, deps, () => (limitStore ? limitStore.status === 'ready' && deps.pubsub.sharedBusUp() !== false : deps.pubsub.sharedBusUp()));

  registerArticleRoutes(app, deps);
  registerCommentRoutes(app, deps);
  registerModerationRoutes(app, deps);
  await registerModules(app, deps);
  // The catch-all public routes (/:section, /:section/:slug) come last.
  registerArticlePages(app, deps);
  return app;
}

/** The HTTP server Fastify listens with: the fast path first, with Fastify's own timeouts. */
function listener(fastPages: FastPages, handler: RequestListener, options: FastifyServerOptions) {
  const server = createServer((req, res) => {
    if (!fastPages.serve(req, res)) handler(req, res);
  });
  if (options.keepAliveTimeout) server.keepAliveTimeout = options.keepAliveTimeout;
  if (options.requestTimeout) server.requestTimeout = options.requestTimeout;
  if (options.connectionTimeout) server.setTimeout(options.connectionTimeout);
  return server;
}

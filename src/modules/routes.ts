import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps';
import { registerNewsroom } from './admin/newsroom.plugin';
import { registerSearchPages } from './search/search.pages';
import { registerFeedRoutes } from './feeds/feed.routes';
import { registerListingPages } from './feeds/listing.pages';
import { registerImporterRoutes } from './importers/importer.routes';
import { registerPrivacyRoutes } from './privacy/privacy.routes';
import { registerNotificationRoutes } from './notifications/notification.routes';
import { registerReactionRoutes } from './comments/reaction.routes';
import { registerPickRoutes } from './comments/comment.picks.routes';
import { registerEmbedRoutes } from './embed/embed.pages';
import { startModuleWork } from './hooks';
import { registerApiRoutes } from './api/api.routes';

/**
 * Routes of the modules built beside the foundation (accounts and admin, search,
 * feeds, media, importers, moderation queue). Each module adds one line here.
 * Fastify's router prefers static paths, so these never clash with /:section/:slug.
 */
export async function registerModules(app: FastifyInstance, deps: Deps): Promise<void> {
  await registerNewsroom(app, deps);
  registerSearchPages(app, deps);
  registerFeedRoutes(app, deps);
  registerListingPages(app, deps);
  registerImporterRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerReactionRoutes(app, deps);
  registerPickRoutes(app, deps);
  registerEmbedRoutes(app, deps);
  await registerApiRoutes(app, deps);
  let stop: (() => void) | undefined;
  app.addHook('onReady', async () => {
    stop = await startModuleWork(deps);
  });
  app.addHook('onClose', async () => stop?.());
}

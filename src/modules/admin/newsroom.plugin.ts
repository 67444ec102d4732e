import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { registerAccountRoutes } from '../accounts/account.routes';
import { registerLoginRoutes } from '../accounts/login.routes';
import { registerRevisionRoutes } from '../articles/revision.routes';
import { registerMediaRoutes } from '../media/media.routes';
import { redirectAnonymousToLogin } from './admin.guard';
import { registerAdminPages } from './admin.routes';
import { registerEditorPages } from './editor.routes';

/**
 * Everything of the newsroom: sign-in and password links, the accounts and tokens
 * API, revisions and the editor's API, media, and the /admin pages (in their own
 * scope, where an anonymous visitor is redirected to /login).
 */
export async function registerNewsroom(app: FastifyInstance, deps: Deps): Promise<void> {
  registerLoginRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerRevisionRoutes(app, deps);
  await registerMediaRoutes(app, deps);
  await app.register(async (scope) => {
    redirectAnonymousToLogin(scope);
    registerAdminPages(scope, deps);
    registerEditorPages(scope, deps);
  });
}

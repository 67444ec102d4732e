import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import type { AuthUser } from '../accounts/account';
import { discussionSettingsSchema, getDiscussionSettings, saveDiscussionSettings } from './settings';

/** Who may read and change the discussion settings: admins and editors. */
function assertSettingsAccess(user: AuthUser | null): void {
  if (!user) throw new UnauthorizedError();
  if (user.role !== 'admin' && user.role !== 'editor') throw new ForbiddenError('only editors and admins manage discussion settings');
}

export function registerModerationRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/settings/discussion', async (request) => {
    assertSettingsAccess(request.user);
    return getDiscussionSettings(deps);
  });

  app.put('/api/v1/settings/discussion', async (request) => {
    assertSettingsAccess(request.user);
    const current = await getDiscussionSettings(deps);
    const body = request.body && typeof request.body === 'object' ? request.body : {};
    const next = parseInput(discussionSettingsSchema, { ...current, ...body }, request.locale);
    await saveDiscussionSettings(deps, next);
    await deps.cache.invalidate(['*']);
    return next;
  });
}

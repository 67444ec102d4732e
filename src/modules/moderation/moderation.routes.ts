import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import type { AuthUser } from '../accounts/account';
import { activeBans, banCommenter, banInputSchema, liftBan } from './ban.service';
import { decideComment, decideComments, MODERATION_ACTIONS, MODERATOR_ROLES } from './decision.service';
import { registerModerationPages } from './moderation.pages';
import { presentModeratedComment } from './moderation.presenter';
import { countQueues, listLog, listQueue } from './moderation.repository';
import { evaluateText } from './moderation.service';
import { discussionSettingsSchema, getDiscussionSettings, saveDiscussionSettings } from './settings';

/** Who may read and change the discussion settings: admins and editors. */
function assertSettingsAccess(user: AuthUser | null): void {
  if (!user) throw new UnauthorizedError();
  if (user.role !== 'admin' && user.role !== 'editor') throw new ForbiddenError('only editors and admins manage discussion settings');
}

/** Every moderation route: 401 for anonymous callers, 403 for anyone who does not moderate. */
function assertModerator(request: FastifyRequest): AuthUser {
  const user = request.user;
  if (!user) throw new UnauthorizedError();
  if (!(MODERATOR_ROLES as readonly string[]).includes(user.role)) throw new ForbiddenError('only moderators, editors and admins moderate comments');
  return user;
}

const idParams = z.object({ id: z.coerce.number().int().positive() });
const queueQuery = z.object({ status: z.enum(['pending', 'spam', 'reported']).default('pending'), limit: z.coerce.number().int().min(1).max(500).default(100) });
const decisionBody = z.object({ action: z.enum(MODERATION_ACTIONS), reason: z.string().trim().max(500).optional() });
const bulkBody = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500), action: z.enum(MODERATION_ACTIONS), reason: z.string().trim().max(500).optional() });
const evaluateBody = z.object({
  body: z.string({ error: 'body is required' }).max(100_000),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  articleId: z.number().int().positive().optional(),
});

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

  app.get('/api/v1/moderation/queue', async (request) => {
    assertModerator(request);
    const q = parseInput(queueQuery, request.query, request.locale);
    const [rows, counts] = await Promise.all([listQueue(deps.db, q.status, q.limit), countQueues(deps.db)]);
    return { comments: rows.map((r) => presentModeratedComment(r, request.t)), counts };
  });

  app.post('/api/v1/comments/:id/moderation', async (request) => {
    const user = assertModerator(request);
    const { id } = parseInput(idParams, request.params);
    const body = parseInput(decisionBody, request.body, request.locale);
    return decideComment(deps, user, id, body.action, body.reason ?? null);
  });

  app.post('/api/v1/moderation/bulk', async (request) => {
    const user = assertModerator(request);
    const body = parseInput(bulkBody, request.body, request.locale);
    return { comments: await decideComments(deps, user, body.ids, body.action, body.reason ?? null) };
  });

  app.post('/api/v1/moderation/evaluate', async (request) => {
    assertModerator(request);
    const body = parseInput(evaluateBody, request.body, request.locale);
    return evaluateText(deps, body);
  });

  app.get('/api/v1/moderation/bans', async (request) => {
    assertModerator(request);
    return { bans: await activeBans(deps) };
  });

  app.post('/api/v1/moderation/bans', async (request, reply) => {
    const user = assertModerator(request);
    const body = parseInput(banInputSchema, request.body, request.locale);
    return reply.code(201).send(await banCommenter(deps, user, body));
  });

  app.delete('/api/v1/moderation/bans/:id', async (request, reply) => {
    const user = assertModerator(request);
    const { id } = parseInput(idParams, request.params);
    await liftBan(deps, user, id);
    return reply.code(204).send();
  });

  app.get('/api/v1/moderation/log', async (request) => {
    assertModerator(request);
    return { entries: await listLog(deps.db, { limit: 200 }) };
  });

  registerModerationPages(app, deps);
}

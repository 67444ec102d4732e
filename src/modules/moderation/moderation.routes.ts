import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import type { AuthUser } from '../accounts/account';
import { activeBans, banCommenter, banInputSchema, liftBan } from './ban.service';
import { decideComment, decideComments, MODERATION_ACTIONS, MODERATOR_ROLES } from './decision.service';
import { registerModerationPages } from './moderation.pages';
import { registerAutoRuleRoutes } from './auto-rules.routes';
import { presentModeratedComment } from './moderation.presenter';
import { bulkDecisionSchema, decisionSchema, evaluateSchema, moderationIdParams, queueQuerySchema } from './moderation';
import { listLog } from './moderation.repository';
import { countQueues, listQueue } from './queue.service';
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
    const q = parseInput(queueQuerySchema, request.query, request.locale);
    const [rows, counts] = await Promise.all([listQueue(deps, q.status, q.limit), countQueues(deps)]);
    return { comments: rows.map((r) => presentModeratedComment(r, request.t)), counts };
  });

  app.post('/api/v1/comments/:id/moderation', async (request) => {
    const user = assertModerator(request);
    const { id } = parseInput(moderationIdParams, request.params);
    const body = parseInput(decisionSchema, request.body, request.locale);
    return decideComment(deps, user, id, body.action, body.reason ?? null);
  });

  app.post('/api/v1/moderation/bulk', async (request) => {
    const user = assertModerator(request);
    const body = parseInput(bulkDecisionSchema, request.body, request.locale);
    return { comments: await decideComments(deps, user, body.ids, body.action, body.reason ?? null) };
  });

  app.post('/api/v1/moderation/evaluate', async (request) => {
    assertModerator(request);
    const body = parseInput(evaluateSchema, request.body, request.locale);
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
    const { id } = parseInput(moderationIdParams, request.params);
    await liftBan(deps, user, id);
    return reply.code(204).send();
  });

  app.get('/api/v1/moderation/log', async (request) => {
    assertModerator(request);
    return { entries: await listLog(deps.db, { limit: 200 }) };
  });

  registerModerationPages(app, deps);
  registerAutoRuleRoutes(app, deps);
}

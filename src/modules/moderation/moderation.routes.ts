import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { parseInput } from '../../web/validate';
import { activeBans, banCommenter, banInputSchema, liftBan } from './ban.service';
import { decideComment, decideComments } from './decision.service';
import { registerModerationPages } from './moderation.pages';
import { assertModeration } from './moderation.policy';
import { registerAutoRuleRoutes } from './auto-rules.routes';
import { registerStatsRoutes } from './stats.routes';
import { presentModeratedComment } from './moderation.presenter';
import { bulkDecisionSchema, decisionSchema, evaluateSchema, moderationIdParams, queueQuerySchema } from './moderation';
import { moderationLog } from './moderation.log';
import { countQueues, listQueue } from './queue.service';
import { measuredFalseHold } from './false-hold.service';
import { evaluateText } from './moderation.service';
import { discussionSettingsSchema, getDiscussionSettings, saveDiscussionSettings } from './settings';

export function registerModerationRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/settings/discussion', async (request) => {
    assertModeration(request.user, 'settings:read');
    return getDiscussionSettings(deps);
  });

  app.put('/api/v1/settings/discussion', async (request) => {
    assertModeration(request.user, 'settings:update');
    const current = await getDiscussionSettings(deps);
    const body = request.body && typeof request.body === 'object' ? request.body : {};
    const next = parseInput(discussionSettingsSchema, { ...current, ...body }, request.locale);
    await saveDiscussionSettings(deps, next);
    await deps.cache.invalidate(['*']);
    return next;
  });

  app.get('/api/v1/moderation/queue', async (request) => {
    assertModeration(request.user, 'moderation:queue');
    const q = parseInput(queueQuerySchema, request.query, request.locale);
    const [rows, counts, falseHold] = await Promise.all([listQueue(deps, q.status, q.limit), countQueues(deps), measuredFalseHold(deps)]);
    return { comments: rows.map((r) => presentModeratedComment(r, request.t)), counts, falseHold };
  });

  app.post('/api/v1/comments/:id/moderation', async (request) => {
    assertModeration(request.user, 'moderation:decide');
    const user = request.user;
    const { id } = parseInput(moderationIdParams, request.params);
    const body = parseInput(decisionSchema, request.body, request.locale);
    return decideComment(deps, user, id, body.action, body.reason ?? null);
  });

  app.post('/api/v1/moderation/bulk', async (request) => {
    assertModeration(request.user, 'moderation:decide');
    const user = request.user;
    const body = parseInput(bulkDecisionSchema, request.body, request.locale);
    return { comments: await decideComments(deps, user, body.ids, body.action, body.reason ?? null) };
  });

  app.post('/api/v1/moderation/evaluate', async (request) => {
    assertModeration(request.user, 'moderation:evaluate');
    const body = parseInput(evaluateSchema, request.body, request.locale);
    return evaluateText(deps, body);
  });

  app.get('/api/v1/moderation/bans', async (request) => {
    assertModeration(request.user, 'moderation:ban');
    return { bans: await activeBans(deps) };
  });

  app.post('/api/v1/moderation/bans', async (request, reply) => {
    assertModeration(request.user, 'moderation:ban');
    const user = request.user;
    const body = parseInput(banInputSchema, request.body, request.locale);
    return reply.code(201).send(await banCommenter(deps, user, body));
  });

  app.delete('/api/v1/moderation/bans/:id', async (request, reply) => {
    assertModeration(request.user, 'moderation:ban');
    const user = request.user;
    const { id } = parseInput(moderationIdParams, request.params);
    await liftBan(deps, user, id);
    return reply.code(204).send();
  });

  app.get('/api/v1/moderation/log', async (request) => {
    assertModeration(request.user, 'moderation:log');
    return { entries: await moderationLog(deps, { limit: 200 }) };
  });

  registerModerationPages(app, deps);
  registerAutoRuleRoutes(app, deps);
  registerStatsRoutes(app, deps);
}

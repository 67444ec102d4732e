import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { parseInput } from '../../web/validate';
import type { AuthUser } from '../accounts/account';
import { verifyFormCsrf } from '../accounts/session.service';
import { contextOf, field, redirectAnonymousToLogin, type AdminContext } from '../admin/admin.guard';
import { sendAdmin } from '../admin/admin.render';
import { activeSwitches, undoSwitch } from './auto-rules';
import { getModeratorPreferences, setModeratorPreferences } from './auto-rules.service';
import { PreferencesPage } from './auto-rules.views';
import { assertModeration } from './moderation.policy';
import { autoRuleParams, preferencesSchema } from './moderation';

function moderator(request: FastifyRequest): AuthUser {
  const user = request.user;
  assertModeration(user, 'moderation:decide');
  return user;
}

/** A moderator's page: the moderation policy, then the newsroom's page context. */
function moderatorPage(request: FastifyRequest): AdminContext {
  assertModeration(request.user, 'moderation:queue');
  return contextOf(request, request.user);
}

/** Form checkboxes come as '0' (the hidden field) or ['0', '1'] (ticked). */
function ticked(body: unknown, name: string): boolean {
  const raw = (body as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(raw) ? raw.includes('1') : raw === '1';
}

/** Automatic rules in force (and their undoing), moderators' email preferences: API and newsroom pages. */
export function registerAutoRuleRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/moderation/auto-rules', async (request) => {
    moderator(request);
    return { switches: await activeSwitches(deps) };
  });

  app.delete('/api/v1/moderation/auto-rules/:articleId', async (request, reply) => {
    const user = moderator(request);
    const { articleId } = parseInput(autoRuleParams, request.params, request.locale);
    await undoSwitch(deps, user, articleId);
    return reply.code(204).send();
  });

  app.get('/api/v1/moderation/preferences', async (request) => getModeratorPreferences(deps, moderator(request).id));

  app.put('/api/v1/moderation/preferences', async (request) => {
    const user = moderator(request);
    const patch = parseInput(preferencesSchema, request.body ?? {}, request.locale);
    const current = await getModeratorPreferences(deps, user.id);
    return setModeratorPreferences(deps, user.id, { ruleAlerts: patch.ruleAlerts ?? current.ruleAlerts, digest: patch.digest ?? current.digest });
  });

  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);

    scope.get('/admin/moderation/preferences', async function showModeratorPreferences(request, reply) {
      const ctx = moderatorPage(request);
      const prefs = await getModeratorPreferences(deps, ctx.user.id);
      const saved = (request.query as Record<string, unknown>).saved === '1';
      return sendAdmin(ctx, reply, { title: ctx.t('rules.prefs.title'), current: 'moderation', scripts: [] }, <PreferencesPage t={ctx.t} csrf={ctx.csrf} prefs={prefs} saved={saved} />);
    });

    scope.post('/admin/moderation/preferences', async function submitModeratorPreferences(request, reply) {
      const ctx = moderatorPage(request);
      verifyFormCsrf(request, field(request.body, '_csrf'));
      await setModeratorPreferences(deps, ctx.user.id, { ruleAlerts: ticked(request.body, 'ruleAlerts'), digest: ticked(request.body, 'digest') });
      return reply.redirect('/admin/moderation/preferences?saved=1', 303);
    });

    scope.post('/admin/moderation/auto-rules/:articleId/undo', async function undoAutoRule(request, reply) {
      const ctx = moderatorPage(request);
      verifyFormCsrf(request, field(request.body, '_csrf'));
      const { articleId } = parseInput(autoRuleParams, request.params);
      await undoSwitch(deps, ctx.user, articleId);
      return reply.redirect('/admin/moderation', 303);
    });
  });
}

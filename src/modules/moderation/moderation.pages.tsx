import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { NotFoundError, ValidationError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import { verifyFormCsrf } from '../accounts/session.service';
import { contextOf, field, redirectAnonymousToLogin, type AdminContext } from '../admin/admin.guard';
import { sendAdmin } from '../admin/admin.render';
import { activeBans, banCommenter, banInputSchema, liftBan } from './ban.service';
import { decideComments, MODERATION_ACTIONS, type ModerationAction } from './decision.service';
import { assertModeration, type ModerationPermission } from './moderation.policy';
import { moderationLog } from './moderation.log';
import { measuredFalseHold } from './false-hold.service';
import { countQueues, findModeratedComment, listCommenterHistory, listQueue, type ModeratedCommentRow, type QueueName } from './queue.service';
import { BansPage, CommentPage, LogTable, QueuePage } from './moderation.views';
import { activeSwitches } from './auto-rules';
import { RulesBanner } from './auto-rules.views';

const QUEUE_SIZE = 50;
const HISTORY_SIZE = 10;
const queueQuery = z.object({ status: z.enum(['pending', 'spam', 'reported']).catch('pending'), done: z.coerce.number().int().min(0).optional().catch(undefined) });
const idParams = z.object({ id: z.coerce.number().int().positive() });

function ids(body: unknown): number[] {
  const v = (body as Record<string, unknown> | undefined)?.ids;
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => Number(x)).filter((n) => Number.isInteger(n) && n > 0);
}

/** The one decision (a comment's own button) or the bulk one (ticked comments). */
function decisionOf(body: unknown): { action: ModerationAction; ids: number[] } {
  const one = field(body, 'one');
  if (one) {
    const [action, id] = one.split(':');
    if (!(MODERATION_ACTIONS as readonly string[]).includes(action ?? '') || !Number(id)) throw new ValidationError('one', 'unknown decision');
    return { action: action as ModerationAction, ids: [Number(id)] };
  }
  const bulk = field(body, 'bulk');
  if (!(MODERATION_ACTIONS as readonly string[]).includes(bulk)) throw new ValidationError('bulk', 'unknown decision');
  const picked = ids(body);
  if (picked.length === 0) throw new ValidationError('ids', 'tick at least one comment');
  return { action: bulk as ModerationAction, ids: picked };
}

async function withHistory(deps: Deps, rows: ModeratedCommentRow[]) {
  const items = [];
  for (const c of rows) items.push({ c, history: await listCommenterHistory(deps, c, HISTORY_SIZE) });
  const commentIds = items.flatMap((i) => i.history.map((h) => h.id));
  const log = await moderationLog(deps, { limit: 1000, commentIds });
  return { items, log };
}

/** The context of a moderation page the user may open (moderation.policy.ts; 401 or 403 otherwise). */
function moderationPage(request: FastifyRequest, action: ModerationPermission): AdminContext {
  assertModeration(request.user, action);
  return contextOf(request, request.user);
}

function page(ctx: AdminContext, reply: FastifyReply, title: string, scripts: string[], body: preact.ComponentChildren): FastifyReply {
  return sendAdmin(ctx, reply, { title, current: 'moderation', scripts }, body);
}

/** The newsroom's moderation pages: the queue, one comment with its ban form, bans, the audit log. */
export function registerModerationPages(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);

    scope.get('/admin/moderation', async function showModerationQueue(request, reply) {
      const ctx = moderationPage(request, 'moderation:queue');
      const q = parseInput(queueQuery, request.query);
      const [rows, counts, switches, falseHold] = await Promise.all([listQueue(deps, q.status as QueueName, QUEUE_SIZE), countQueues(deps), activeSwitches(deps), measuredFalseHold(deps)]);
      const { items, log } = await withHistory(deps, rows);
      const notice = q.done !== undefined ? ctx.t('moderation.done', { count: q.done }) : undefined;
      return page(ctx, reply, ctx.t('moderation.title'), ['moderation-queue.js'], (
        <>
        <RulesBanner t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} switches={switches} />
        <QueuePage t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} queue={q.status} counts={counts} falseHold={falseHold} items={items} log={log} {...(notice ? { notice } : {})} />
        </>
      ));
    });

    scope.post('/admin/moderation/decide', async function decideFromQueue(request, reply) {
      const ctx = moderationPage(request, 'moderation:decide');
      verifyFormCsrf(request, field(request.body, '_csrf'));
      const d = decisionOf(request.body);
      const reason = field(request.body, 'reason').trim().slice(0, 500) || null;
      const done = await decideComments(deps, ctx.user, d.ids, d.action, reason);
      const status = parseInput(queueQuery, { status: field(request.body, 'status') }).status;
      return reply.redirect(`/admin/moderation?status=${status}&done=${done.length}`, 303);
    });

    scope.get('/admin/moderation/comments/:id', async function showModeratedComment(request, reply) {
      const ctx = moderationPage(request, 'moderation:queue');
      const { id } = parseInput(idParams, request.params);
      const c = await findModeratedComment(deps, id);
      if (!c) throw new NotFoundError('comment');
      const history = await listCommenterHistory(deps, c, 100);
      const log = await moderationLog(deps, { limit: 1000, commentIds: [c.id, ...history.map((h) => h.id)] });
      const notice = (request.query as Record<string, string | undefined>).banned ? ctx.t('moderation.ban.done') : undefined;
      return page(ctx, reply, ctx.t('moderation.commenter', { name: c.author_name }), ['moderation-queue.js'], (
        <CommentPage t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} c={c} history={history} log={log} {...(notice ? { notice } : {})} />
      ));
    });

    scope.post('/admin/moderation/bans', async function banFromQueue(request, reply) {
      const ctx = moderationPage(request, 'moderation:ban');
      verifyFormCsrf(request, field(request.body, '_csrf'));
      const input = parseInput(
        banInputSchema,
        { commentId: field(request.body, 'commentId'), kind: field(request.body, 'kind'), until: field(request.body, 'until'), reason: field(request.body, 'reason') || undefined },
        ctx.locale,
      );
      await banCommenter(deps, ctx.user, input);
      return reply.redirect(`/admin/moderation/comments/${input.commentId}?banned=1`, 303);
    });

    scope.get('/admin/moderation/bans', async function showBans(request, reply) {
      const ctx = moderationPage(request, 'moderation:ban');
      const notice = (request.query as Record<string, string | undefined>).lifted ? ctx.t('moderation.bans.lifted') : undefined;
      return page(ctx, reply, ctx.t('moderation.bans.title'), [], (
        <BansPage t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} bans={await activeBans(deps)} {...(notice ? { notice } : {})} />
      ));
    });

    scope.post('/admin/moderation/bans/:id/lift', async function liftBanFromPage(request, reply) {
      const ctx = moderationPage(request, 'moderation:ban');
      verifyFormCsrf(request, field(request.body, '_csrf'));
      const { id } = parseInput(idParams, request.params);
      await liftBan(deps, ctx.user, id);
      return reply.redirect('/admin/moderation/bans?lifted=1', 303);
    });

    scope.get('/admin/moderation/log', async function showModerationLog(request, reply) {
      const ctx = moderationPage(request, 'moderation:log');
      return page(ctx, reply, ctx.t('moderation.log.title'), [], <LogTable t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} rows={await moderationLog(deps, { limit: 500 })} />);
    });
  });
}

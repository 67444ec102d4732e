import { waitInWords } from '../../web/i18n/i18n';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { AppError, messageFor, NotFoundError, ValidationError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import { articlePath, isVisible } from '../articles/article';
import { renderArticlePage } from '../articles/article.pages';
import { getArticleById } from '../articles/article.read-model';
import { getDiscussionSettings, isDiscussionOpen } from '../moderation/settings';
import { commentFormSchema, commentIdParams, commentInputSchema, commentListQuery, commentReportSchema } from './comment';
import { presentComment } from './comment.presenter';
import { presentWithPicks } from './comment.picks';
import { canComment } from './comment.policy';
import { findCommentById, listCommentsPage, listOwnPending } from './comment.repository';
import { formKeyScope, idempotencyHeader, submitOnce } from './idempotency';
import { pendingIds, rememberOwn, rememberPending } from './comment.pending';
import { issueFormToken } from '../moderation/form-token';
import { reportComment } from '../moderation/decision.service';
import { embedReturnPath } from '../embed/embed.security';
import { sendEmbedDiscussion } from '../embed/embed.discussion';
import { readerKey } from './comment.reader';
import { lastEventIdOf } from './comment.replay';

/** The refusal as the form says it: a wait (slow mode, flood) in words. */
function formMessage(request: FastifyRequest, err: AppError): string {
  const wait = err.details.retryAfter;
  return err.code === 'rate_limited' && typeof wait === 'number' ? request.t('comments.wait', { wait: waitInWords(request.locale, wait) }) : messageFor(err, request.locale);
}

/** Comment posting limit per client address; newsroom staff are not limited. */
const POST_LIMIT = {
  rateLimit: {
    max: 10,
    timeWindow: '1 minute',
    hook: 'preHandler' as const,
    allowList: (request: FastifyRequest) => canComment(request.user, 'comment:post-unthrottled'),
  },
};

/** The bot-trap fields of a form or JSON body, as the moderation pipeline reads them. */
function trapFields(input: { token?: string | undefined; website?: string | undefined }): { honeypot?: string; token?: string } {
  return { ...(input.website !== undefined ? { honeypot: input.website } : {}), ...(input.token !== undefined ? { token: input.token } : {}) };
}

/**
 * The form's bot traps on the JSON API: a request with an API token (a newsroom's script) is
 * exempt, staff are trusted by the pipeline (its `staff` phase comes first); every other caller
 * (a guest, a reader signed in with a session cookie) sends the signed token and may send the
 * honeypot, as the form does.
 */
function apiBotTraps(request: FastifyRequest, input: { token?: string | undefined; website?: string | undefined }) {
  return request.authMethod === 'token' ? {} : { form: trapFields(input) };
}

function decodeOffset(after: string | undefined): number {
  if (!after) return 0;
  const n = Number.parseInt(Buffer.from(after, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(n) || n < 0) throw new ValidationError('after', 'invalid cursor');
  return n;
}

async function visibleArticle(deps: Deps, id: number) {
  const a = await getArticleById(deps, id);
  if (!a || !isVisible(a, deps.clock.now())) throw new NotFoundError('article');
  return a;
}

export function registerCommentRoutes(app: FastifyInstance, deps: Deps): void {
  const secure = deps.config.baseUrl.startsWith('https:');

  /** A fresh signed time-to-submit token for the form (the cached page's one is shared and older). */
  app.get('/api/v1/articles/:id/comments/token', async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    await visibleArticle(deps, id);
    reply.header('cache-control', 'private, no-store');
    return { token: issueFormToken(deps.secret, id, deps.clock.now()) };
  });

  /** The reader's own held comments under this article (from the signed cookie), never cached. */
  app.get('/api/v1/articles/:id/comments/mine', async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    await visibleArticle(deps, id);
    reply.header('cache-control', 'private, no-store');
    const rows = await listOwnPending(deps.db, id, pendingIds(request));
    return { comments: rows.map(presentComment) };
  });

  app.post('/api/v1/comments/:id/reports', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    const body = parseInput(commentReportSchema, request.body ?? {}, request.locale);
    await reportComment(deps, id, readerKey(deps, request), body.reason ?? null);
    return reply.code(201).send({ reported: true });
  });

  /** The "Signaler" button without JavaScript: back to the comment with a thank-you. */
  app.post('/comments/:id/report', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async function reportCommentForm(request, reply) {
    const { id } = parseInput(commentIdParams, request.params);
    const c = await findCommentById(deps.db, id);
    const article = c ? await visibleArticle(deps, c.article_id) : undefined;
    if (!c || !article) throw new NotFoundError('comment');
    await reportComment(deps, id, readerKey(deps, request), null);
    // Sent from the embedded discussion (its form has no return field): back into it; either way to
    // the page of the discussion holding the comment (?reported=ID).
    const embed = embedReturnPath(deps.config.baseUrl, request.headers.referer);
    return reply.redirect(embed ? `${embed}&reported=${id}#comment-${id}` : `${articlePath(article)}?reported=${id}#comments`, 303);
  });

  app.get('/api/v1/articles/:id/comments', async (request) => {
    const { id } = parseInput(commentIdParams, request.params);
    const q = parseInput(commentListQuery, request.query, request.locale);
    const article = await visibleArticle(deps, id);
    const settings = await getDiscussionSettings(deps);
    const offset = decodeOffset(q.after);
    const rows = await listCommentsPage(deps.db, id, q.sort, offset, settings.pageSize + 1);
    const more = rows.length > settings.pageSize;
    return {
      comments: await presentWithPicks(deps, rows.slice(0, settings.pageSize)),
      next: more ? Buffer.from(String(offset + settings.pageSize)).toString('base64url') : null,
      open: isDiscussionOpen(article, settings, deps.clock.now()),
    };
  });

  app.post(
    '/api/v1/articles/:id/comments',
    { config: POST_LIMIT },
    async (request, reply) => {
      const { id } = parseInput(commentIdParams, request.params);
      const input = parseInput(commentInputSchema, request.body, request.locale);
      const { result, replayed } = await submitOnce(deps, {
        articleId: id,
        body: input.body,
        parentId: input.parentId,
        name: input.name,
        email: input.email,
        ip: request.ip,
        user: request.user,
        notifyReplies: input.notifyReplies,
        ...apiBotTraps(request, input),
      }, idempotencyHeader(request));
      if (result.status === 'pending') rememberPending(request, reply, result.id, secure);
      if (!request.user) rememberOwn(request, reply, result.id, secure);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/articles/:id/comments',
    { config: POST_LIMIT },
    async function submitCommentForm(request, reply) {
      const { id } = parseInput(commentIdParams, request.params);
      const article = await visibleArticle(deps, id);
      const form = parseInput(commentFormSchema, request.body ?? {}, request.locale);
      const parentId = form.parentId ? Number(form.parentId) : null;
      const notifyReplies = form.notifyReplies !== undefined && form.notifyReplies !== '' && form.notifyReplies !== '0';
      const embed = embedReturnPath(deps.config.baseUrl, form.return);
      try {
        const { result } = await submitOnce(deps, {
          articleId: id,
          body: form.body,
          parentId: parentId !== null && Number.isInteger(parentId) && parentId > 0 ? parentId : null,
          name: form.name,
          email: form.email,
          ip: request.ip,
          user: request.user,
          notifyReplies,
          form: trapFields(form),
        }, form.idempotencyKey || undefined, formKeyScope(form));
        if (result.status === 'pending') rememberPending(request, reply, result.id, secure);
        if (!request.user) rememberOwn(request, reply, result.id, secure);
        const outcome = result.status === 'published' ? 'published' : result.status === 'pending' ? 'pending' : 'refused';
        // A published comment: back to the page of the discussion holding it (?focus=ID).
        const anchor = result.status === 'published' ? `&focus=${result.id}#comment-${result.id}` : '#comment-form-title';
        // eslint-disable-next-line @typescript-eslint/return-await -- a FastifyReply is thenable, not a promise to wait for
        return reply.redirect(embed ? `${embed}&comment=${outcome}${anchor}` : `${articlePath(article)}?comment=${outcome}${anchor}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const state = {
          message: { kind: 'error' as const, text: request.t('comments.error', { message: formMessage(request, err) }) },
          values: { name: form.name ?? '', email: form.email ?? '', body: form.body, notifyReplies },
        };
        if (embed) return sendEmbedDiscussion(deps, request, reply, article, state, err.status);
        const html = await renderArticlePage(deps, request, article, state);
        return reply.code(err.status).type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
      }
    },
  );

  // Open event streams end when the server closes, so shutdown is not held up by readers.
  app.addHook('preClose', async () => deps.streams.closeAll());

  app.get('/api/v1/articles/:id/comments/events', async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    await visibleArticle(deps, id);
    const release = deps.streams.admit(deps, request);
    // The headers the hooks gave the answer (x-palabre-worker…) stay on the stream written by hand.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    reply.hijack();
    await deps.streams.stream(deps, request, reply.raw, id, lastEventIdOf(request), release);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import { articlePath, isVisible } from '../articles/article';
import { getArticleById } from '../articles/article.read-model';
import { commentEditSchema, commentIdParams, likeFormSchema } from './comment';
import { ownIds, rememberPending } from './comment.pending';
import { assertComment } from './comment.policy';
import { findCommentById } from './comment.repository';
import { readerFormState, readerKey } from './comment.reader';
import { embedReturnPath } from '../embed/embed.security';
import { editComment, readerState, setLike, type Reader } from './reaction.service';
import { listCommentEdits } from './reaction.repository';

/** The same limit as reader reports, per client address. */
const READER_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The no-JS like button: `like=1` likes, `like=0` takes it back (what the button showed). */

function readerOf(deps: Deps, request: FastifyRequest): Reader {
  return { user: request.user, ownIds: ownIds(request), liker: readerKey(deps, request) };
}

/**
 * Likes ("J'aime") and the author's edit window: the JSON API, the like button's
 * no-JS form, and the reader's own state for the cached, shared article page.
 */
export function registerReactionRoutes(app: FastifyInstance, deps: Deps): void {
  const secure = deps.config.baseUrl.startsWith('https:');
  app.post('/api/v1/comments/:id/likes', { config: READER_LIMIT }, async (request) => {
    const { id } = parseInput(commentIdParams, request.params);
    return setLike(deps, id, readerKey(deps, request), true);
  });

  app.delete('/api/v1/comments/:id/likes', { config: READER_LIMIT }, async (request) => {
    const { id } = parseInput(commentIdParams, request.params);
    return setLike(deps, id, readerKey(deps, request), false);
  });

  /** The like button without JavaScript: back to the comment, on a fresh page showing the reader's like. */
  app.post('/comments/:id/like', { config: READER_LIMIT }, async function likeCommentForm(request, reply) {
    const { id } = parseInput(commentIdParams, request.params);
    const form = parseInput(likeFormSchema, request.body ?? {}, request.locale);
    await setLike(deps, id, readerKey(deps, request), form.like === '1');
    // From the embed: back into it (a checked /embed path only, never an open redirect),
    // on a personal render showing the reader's like, as the article page.
    const embed = embedReturnPath(deps.config.baseUrl, form.return);
    if (embed) return reply.redirect(`${embed}&liked=${id}#comment-${id}`, 303);
    const c = await findCommentById(deps.db, id);
    const article = c ? await getArticleById(deps, c.article_id) : undefined;
    if (!c || !article) throw new NotFoundError('comment');
    return reply.redirect(`${articlePath(article)}?liked=${id}#comment-${id}`, 303);
  });

  /**
   * What the shared page cannot print for this reader, in one answer: their likes, live counts,
   * their editable comments, a fresh form token and their own held comments. Never cached.
   */
  app.get('/api/v1/articles/:id/comments/reader', async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    const article = await getArticleById(deps, id);
    if (!article || !isVisible(article, deps.clock.now())) throw new NotFoundError('article');
    reply.header('cache-control', 'private, no-store');
    const [state, form] = await Promise.all([readerState(deps, id, readerOf(deps, request)), readerFormState(deps, request, id)]);
    return { ...state, ...form };
  });

  /** The former texts of an edited comment, oldest first: for moderators only. */
  app.get('/api/v1/comments/:id/edits', async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    assertComment(request.user, 'comment:read-edits');
    if (!(await findCommentById(deps.db, id))) throw new NotFoundError('comment');
    reply.header('cache-control', 'private, no-store');
    const rows = await listCommentEdits(deps.db, id);
    return { edits: rows.map((r) => ({ id: r.id, body: r.body, status: r.status, reasons: JSON.parse(r.reasons) as unknown, editedAt: r.edited_at })) };
  });

  /** The author's edit, within the edit window: moderated again like a new comment. */
  app.patch('/api/v1/comments/:id', { config: READER_LIMIT }, async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    const input = parseInput(commentEditSchema, request.body ?? {}, request.locale);
    const result = await editComment(deps, id, input.body, readerOf(deps, request), request.ip);
    // Held again: its author keeps seeing it, marked as pending, like a new held comment.
    if (result.status === 'pending') rememberPending(request, reply, result.id, secure);
    return result;
  });
}

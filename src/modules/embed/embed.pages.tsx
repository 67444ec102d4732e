import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { HTML, sendPage } from '../../web/page';
import { commentIdOf, DiscussionPageNotFound, discussionPage, discussionQuery, discussionSort, postOutcome, readerLikes } from '../comments/discussion';
import { findArticleForPage } from './embed.article';
import { renderEmbedPage, sendEmbedDiscussion } from './embed.discussion';
import { allowFraming, parsePageUrl } from './embed.security';
import { embedNotice } from './embed.views';
import { registerEmbedScript } from './embed.script';

const EMBED_TTL_MS = 60_000;
/** How much of an unknown page URL the 404 page repeats. */
const SHOWN_URL_CHARS = 200;

/** The frame's 400 (a bad url), 404 (no such article) or, given `missing`, 404 naming what is missing (a page of the discussion). */
function sendNotice(request: FastifyRequest, reply: FastifyReply, status: 400 | 404, url: string, missing?: string): FastifyReply {
  const t = request.t;
  const [title, text] =
    status === 400
      ? [t('embed.invalid.title'), t('embed.invalid.text')]
      : [t('embed.not_found.title'), missing ?? t('embed.not_found.text', { url: url.length > SHOWN_URL_CHARS ? `${url.slice(0, SHOWN_URL_CHARS)}…` : url })];
  return reply.code(status).type(HTML).header('cache-control', 'no-store').send(embedNotice(request.locale, t, title, text));
}

/** GET /embed.js (the loader other sites include) and GET /embed?url=PAGE_URL (the framed discussion). */
export function registerEmbedRoutes(app: FastifyInstance, deps: Deps): void {
  registerEmbedScript(app);

  app.get('/embed', async function showEmbed(request, reply) {
    allowFraming(reply, deps.config.embedOrigins);
    const query = request.query as Record<string, unknown>;
    const raw = typeof query.url === 'string' ? query.url : undefined;
    const pageUrl = parsePageUrl(raw);
    if (!pageUrl || raw === undefined) return sendNotice(request, reply, 400, raw ?? '');
    const article = await findArticleForPage(deps, pageUrl);
    if (!article) return sendNotice(request, reply, 404, raw);
    const replyTo = commentIdOf(query.replyTo);
    const message = postOutcome(request, query.comment);
    try {
      if (message || replyTo !== undefined) {
        const focus = commentIdOf(query.focus);
        const view = replyTo !== undefined ? { replyToId: replyTo } : focus !== undefined ? { focus } : {};
        return await sendEmbedDiscussion(deps, request, reply, article, message ? { message } : {}, 200, view);
      }
      // As on the article page: an unknown order is the default one, sharing its cached page.
      const sort = discussionSort(query.sort);
      const liked = commentIdOf(query.liked);
      if (liked !== undefined) {
        // Back from the no-JS like button: a personal render showing this reader's likes, on the comment's page.
        return await sendEmbedDiscussion(deps, request, reply, article, {}, 200, { sort, focus: liked, liked: await readerLikes(deps, request, article.id) });
      }
      const reported = commentIdOf(query.reported);
      if (reported !== undefined) {
        // Back from the no-JS report button: the thank-you, on the comment's page.
        return await sendEmbedDiscussion(deps, request, reply, article, {}, 200, { sort, focus: reported, reported: true });
      }
      // One cached page per order and page, as the article page.
      const page = discussionPage(query.page);
      return await sendPage(deps, request, reply, {
        key: `embed:${article.id}${discussionQuery(sort, page)}`,
        tags: [`article:${article.id}`],
        ttlMs: EMBED_TTL_MS,
        render: async () => ({ body: await renderEmbedPage(deps, request, article, {}, { sort, page }) }),
      });
    } catch (err) {
      if (err instanceof DiscussionPageNotFound) return sendNotice(request, reply, 404, raw, request.t('comments.page_missing'));
      throw err;
    }
  });
}

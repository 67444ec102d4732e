import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { HTML, sendPage } from '../../web/page';
import { discussionSort, postOutcome, readerLikes } from '../comments/discussion';
import { findArticleForPage } from './embed.article';
import { renderEmbedPage, sendEmbedDiscussion } from './embed.discussion';
import { allowFraming, parsePageUrl } from './embed.security';
import { embedNotice } from './embed.views';
import { registerEmbedScript } from './embed.script';

const EMBED_TTL_MS = 60_000;
/** How much of an unknown page URL the 404 page repeats. */
const SHOWN_URL_CHARS = 200;

function sendNotice(request: FastifyRequest, reply: FastifyReply, status: 400 | 404, url: string): FastifyReply {
  const t = request.t;
  const [title, text] =
    status === 400
      ? [t('embed.invalid.title'), t('embed.invalid.text')]
      : [t('embed.not_found.title'), t('embed.not_found.text', { url: url.length > SHOWN_URL_CHARS ? `${url.slice(0, SHOWN_URL_CHARS)}…` : url })];
  return reply.code(status).type(HTML).header('cache-control', 'no-store').send(embedNotice(request.locale, t, title, text));
}

/** GET /embed.js (the loader other sites include) and GET /embed?url=PAGE_URL (the framed discussion). */
export function registerEmbedRoutes(app: FastifyInstance, deps: Deps): void {
  registerEmbedScript(app);

  app.get('/embed', async function showEmbed(request, reply) {
    allowFraming(reply, deps.config.embedOrigins);
    const query = request.query as Record<string, unknown>;
    const raw = typeof query.url === 'string' ? query.url : undefined;
    const page = parsePageUrl(raw);
    if (!page || raw === undefined) return sendNotice(request, reply, 400, raw ?? '');
    const article = await findArticleForPage(deps, page);
    if (!article) return sendNotice(request, reply, 404, raw);
    const replyTo = typeof query.replyTo === 'string' ? Number(query.replyTo) : undefined;
    const message = postOutcome(request, query.comment);
    if (message || (replyTo !== undefined && Number.isInteger(replyTo))) {
      return sendEmbedDiscussion(deps, request, reply, article, message ? { message } : {}, 200, replyTo !== undefined ? { replyToId: replyTo } : {});
    }
    // As on the article page: an unknown order is the default one, sharing its cached page.
    const sort = discussionSort(query.sort);
    const liked = typeof query.liked === 'string' ? Number(query.liked) : undefined;
    if (liked !== undefined && Number.isInteger(liked)) {
      // Back from the no-JS like button: a personal render showing this reader's likes.
      return sendEmbedDiscussion(deps, request, reply, article, {}, 200, { sort, liked: await readerLikes(deps, request, article.id) });
    }
    // One cached page per order, as the article page.
    return sendPage(deps, request, reply, {
      key: sort === 'oldest' ? `embed:${article.id}` : `embed:${article.id}?sort=${sort}`,
      tags: [`article:${article.id}`],
      ttlMs: EMBED_TTL_MS,
      render: async () => ({ body: await renderEmbedPage(deps, request, article, {}, { sort }) }),
    });
  });
}

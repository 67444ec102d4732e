import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { HTML, sendPage } from '../../web/page';
import { articlePath, type Article } from '../articles/article';
import { COMMENT_SORTS, type CommentSort } from '../comments/comment';
import { listPublishedComments } from '../comments/comment.repository';
import { buildThreads, sortThreads } from '../comments/comment.presenter';
import { reporterOf } from '../comments/comment.routes';
import { Discussion, type FormState } from '../comments/comment.views';
import { listLikedIds } from '../comments/reaction.repository';
import { issueFormToken } from '../moderation/form-token';
import { getDiscussionSettings, isDiscussionOpen } from '../moderation/settings';
import { findArticleForPage } from './embed.article';
import { allowFraming, embedPath, parsePageUrl } from './embed.security';
import { ArticleLink, EmbedLayout, embedNotice } from './embed.views';
import { renderDocument } from '../../web/layout';
import { registerEmbedScript } from './embed.script';

const EMBED_TTL_MS = 60_000;
/** How much of an unknown page URL the 404 page repeats. */
const SHOWN_URL_CHARS = 200;

/** How the embedded thread is shown: its order, and (personal renders only) what this reader liked. */
export interface EmbedView {
  sort?: CommentSort;
  liked?: ReadonlySet<number>;
  replyToId?: number;
}

/** The embed's link to one order of its thread: it stays in the embed (`/embed?url=…&sort=…`). */
export function embedSortHref(self: string, sort: CommentSort): string {
  return sort === 'oldest' ? `${self}#comments` : `${self}&sort=${sort}#comments`;
}

/**
 * The discussion of an article alone, for an iframe on another site: the same
 * threads, sort links, like buttons and form as the article page (comments/comment.views)
 * and the same scripts, whose no-JS links and form come back here rather than to the article page.
 */
export async function renderEmbedPage(deps: Deps, request: FastifyRequest, article: Article, form: FormState = {}, view: EmbedView = {}): Promise<string> {
  const t = request.t;
  const [settings, rows] = await Promise.all([getDiscussionSettings(deps), listPublishedComments(deps.db, article.id)]);
  const canonical = deps.config.baseUrl + articlePath(article);
  const self = embedPath(canonical);
  const sort = view.sort ?? 'oldest';
  const parent = view.replyToId !== undefined ? rows.find((r) => r.id === view.replyToId) : undefined;
  return renderDocument(
    <EmbedLayout locale={request.locale} title={t('embed.title', { title: article.title })} scripts={['article.js', 'comment-form.js', 'comment-reactions.js']}>
      <ArticleLink t={t} href={canonical} title={article.title} />
      <Discussion
        articleId={article.id}
        threads={sortThreads(buildThreads(rows, settings.threadDepth), sort)}
        sort={sort}
        sortHref={(s) => embedSortHref(self, s)}
        {...(view.liked ? { liked: view.liked } : {})}
        count={rows.length}
        open={isDiscussionOpen(article, settings, deps.clock.now())}
        settings={settings}
        t={t}
        locale={request.locale}
        form={parent ? { ...form, replyTo: { id: parent.id, name: parent.author_name } } : form}
        formToken={issueFormToken(deps.secret, article.id, deps.clock.now())}
        replyHref={(id) => `${self}&replyTo=${id}#comment-form`}
        returnTo={self}
      />
    </EmbedLayout>,
  );
}

/** The embed with a form's message or values (after a no-JS post), never cached. */
export async function sendEmbedDiscussion(deps: Deps, request: FastifyRequest, reply: FastifyReply, article: Article, form: FormState, status = 200, view: EmbedView = {}): Promise<FastifyReply> {
  const html = await renderEmbedPage(deps, request, article, form, view);
  return allowFraming(reply, deps.config.embedOrigins).code(status).type(HTML).header('cache-control', 'private, no-store').send(html);
}

/** The notice shown after a no-JS post (?comment=…), as on the article page. */
function outcomeMessage(request: FastifyRequest, outcome: unknown): FormState['message'] | undefined {
  if (outcome === 'published') return { kind: 'ok', text: request.t('comments.posted_published') };
  if (outcome === 'pending') return { kind: 'ok', text: request.t('comments.posted_pending') };
  if (outcome === 'refused') return { kind: 'error', text: request.t('comments.posted_refused') };
  return undefined;
}

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
    const message = outcomeMessage(request, query.comment);
    if (message || (replyTo !== undefined && Number.isInteger(replyTo))) {
      return sendEmbedDiscussion(deps, request, reply, article, message ? { message } : {}, 200, replyTo !== undefined ? { replyToId: replyTo } : {});
    }
    // As on the article page: an unknown order is the default one, sharing its cached page.
    const sort = COMMENT_SORTS.find((s) => s === query.sort) ?? 'oldest';
    const liked = typeof query.liked === 'string' ? Number(query.liked) : undefined;
    if (liked !== undefined && Number.isInteger(liked)) {
      // Back from the no-JS like button: a personal render showing this reader's likes.
      const ids = await listLikedIds(deps.db, article.id, reporterOf(deps, request));
      return sendEmbedDiscussion(deps, request, reply, article, {}, 200, { sort, liked: new Set(ids) });
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

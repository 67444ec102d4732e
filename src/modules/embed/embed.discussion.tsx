import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { renderDocument } from '../../web/layout';
import { HTML } from '../../web/page';
import { articlePath, type Article } from '../articles/article';
import type { CommentSort } from '../comments/comment';
import { buildDiscussion, discussionQuery, type DiscussionView, type FormState } from '../comments/discussion';
import { allowFraming, embedPath } from './embed.security';
import { ArticleLink, EmbedLayout } from './embed.views';

/** The embed's link to one order of its thread: it stays in the embed (`/embed?url=…&sort=…`). */
export function embedSortHref(self: string, sort: CommentSort): string {
  return embedPageHref(self, sort, 1);
}

/** The embed's link to a page of its thread (`/embed?url=…&sort=…&page=…`, default values left out). */
export function embedPageHref(self: string, sort: CommentSort, page: number): string {
  return `${self}${discussionQuery(sort, page).replace('?', '&')}#comments`;
}

/**
 * The discussion of an article alone, for an iframe on another site: the same
 * discussion as the article page (comments/discussion) and the same scripts, whose
 * no-JS links and form come back here rather than to the article page.
 */
export async function renderEmbedPage(deps: Deps, request: FastifyRequest, article: Article, form: FormState = {}, view: DiscussionView = {}): Promise<string> {
  const t = request.t;
  const canonical = deps.config.baseUrl + articlePath(article);
  const self = embedPath(canonical);
  const discussion = await buildDiscussion(deps, request, article, form, view, {
    sortHref: (s) => embedSortHref(self, s),
    pageHref: (s, page) => embedPageHref(self, s, page),
    replyHref: (id) => `${self}&replyTo=${id}#comment-form`,
    returnTo: self,
  });
  return renderDocument(
    <EmbedLayout locale={request.locale} title={t('embed.title', { title: article.title })} scripts={['article.js']}>
      <ArticleLink t={t} href={canonical} title={article.title} />
      {discussion}
    </EmbedLayout>,
  );
}

/** The embed with a form's message or values (after a no-JS post), never cached. */
export async function sendEmbedDiscussion(deps: Deps, request: FastifyRequest, reply: FastifyReply, article: Article, form: FormState, status = 200, view: DiscussionView = {}): Promise<FastifyReply> {
  const html = await renderEmbedPage(deps, request, article, form, view);
  return allowFraming(reply, deps.config.embedOrigins).code(status).type(HTML).header('cache-control', 'private, no-store').send(html);
}

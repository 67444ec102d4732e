import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import { Layout, renderDocument } from '../../web/layout';
import { renderArticleMarkdown } from '../../web/markdown';
import { sendPage } from '../../web/page';
import { buildDiscussion, commentIdOf, discussionPage, discussionQuery, discussionSort, postOutcome, readerLikes, type DiscussionView, type FormState } from '../comments/discussion';
import { getMedia } from '../media/media.service';
import { FeaturedImage } from '../media/media.views';
import { articlePath, isVisible, samePath, type Article } from './article';
import { requestedSlug } from './slug';
import { mediaPath } from '../media/media';
import { articleDescription, articleHead } from './article.head';
import { feedLinks } from '../feeds/feed.views';
import { findRelatedArticles } from '../search/related.service';
import { RelatedArticles } from '../search/related.views';
import { findArticleById, findArticleBySlug, findArticleIdByOldSlug, findNextScheduledAt, listArticles } from './article.repository';
import { decodeCursor, encodeCursor } from './article.service';
import { ArticleBody, ArticleList, Pagination } from './article.views';
import { findSectionBySlug, listSections } from './section.repository';

const ARTICLE_TTL_MS = 60_000;
const LIST_TTL_MS = 30_000;
const PAGE_SIZE = 20;

/** How long a list page may be cached: never past the moment the next scheduled article goes live. */
export async function listTtl(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const next = await findNextScheduledAt(deps.db, now.toISOString());
  if (!next) return LIST_TTL_MS;
  return Math.max(0, Math.min(LIST_TTL_MS, new Date(next).getTime() - now.getTime()));
}

/** Renders an article's page; formState carries a submitted form's message and values. */
export async function renderArticlePage(deps: Deps, request: FastifyRequest, article: Article, form: FormState = {}, view: DiscussionView = {}): Promise<string> {
  const t = request.t;
  const [discussion, sections, related, image] = await Promise.all([
    buildDiscussion(deps, request, article, form, view),
    listSections(deps.db),
    findRelatedArticles(deps, article),
    article.image !== null ? getMedia(deps, article.image) : undefined,
  ]);
  const canonical = deps.config.baseUrl + articlePath(article);
  return renderDocument(
    <Layout
      locale={request.locale}
      t={t}
      sections={sections}
      meta={{
        title: article.title,
        description: articleDescription(article),
        canonical,
        head: articleHead(deps, article, canonical, image ? deps.config.baseUrl + mediaPath(image.file) : undefined),
        scripts: ['article.js'],
      }}
    >
      <ArticleBody article={article} html={renderArticleMarkdown(article.body)} t={t} locale={request.locale} figure={image ? <FeaturedImage media={image} /> : undefined}>
        <RelatedArticles articles={related} t={t} locale={request.locale} />
        {discussion}
      </ArticleBody>
    </Layout>,
  );
}

/** A list page of published articles, newest first; also the tag and author pages (feeds module). */
export async function listPage(
  deps: Deps,
  request: FastifyRequest,
  opts: { title: string; heading: string; empty: string; sectionId?: number; tagId?: number; authorId?: number; basePath: string },
): Promise<string> {
  const { after } = request.query as { after?: string };
  const before = after ? decodeCursor(after) : undefined;
  const now = deps.clock.now().toISOString();
  const [rows, sections] = await Promise.all([
    listArticles(deps.db, {
      now,
      visibleAt: now,
      limit: PAGE_SIZE + 1,
      ...(opts.sectionId !== undefined ? { sectionId: opts.sectionId } : {}),
      ...(opts.tagId !== undefined ? { tagId: opts.tagId } : {}),
      ...(opts.authorId !== undefined ? { authorId: opts.authorId } : {}),
      ...(before ? { before } : {}),
    }),
    listSections(deps.db),
  ]);
  const articles = rows.slice(0, PAGE_SIZE);
  const last = rows.length > PAGE_SIZE ? articles[articles.length - 1] : undefined;
  const next = last ? `${opts.basePath}?after=${encodeCursor({ key: last.publishAt ?? last.createdAt, id: last.id })}` : undefined;
  const t = request.t;
  return renderDocument(
    <Layout locale={request.locale} t={t} sections={sections} meta={{ title: opts.title, canonical: deps.config.baseUrl + opts.basePath, head: feedLinks(deps, opts.basePath, opts.title) }}>
      <h1>{opts.heading}</h1>
      <ArticleList articles={articles} t={t} locale={request.locale} empty={opts.empty} />
      <Pagination t={t} next={next} prev={after ? opts.basePath : undefined} />
    </Layout>,
  );
}

function cacheKey(request: FastifyRequest): string {
  return request.url;
}

/** Public pages: home, section, article (with its discussion). */
export function registerArticlePages(app: FastifyInstance, deps: Deps): void {
  app.get('/', async function showHomePage(request, reply) {
    return sendPage(deps, request, reply, {
      key: cacheKey(request),
      tags: ['lists'],
      ttlMs: await listTtl(deps),
      render: async () => ({
        body: await listPage(deps, request, { title: request.t('site.name'), heading: request.t('home.latest'), empty: request.t('home.empty'), basePath: '/' }),
      }),
    });
  });

  app.get('/:section', async function showSectionPage(request, reply) {
    const { section } = request.params as { section: string };
    const s = await findSectionBySlug(deps.db, section);
    if (!s) throw new NotFoundError('section');
    return sendPage(deps, request, reply, {
      key: cacheKey(request),
      tags: ['lists'],
      ttlMs: await listTtl(deps),
      render: async () => ({
        body: await listPage(deps, request, {
          title: s.name,
          heading: s.name,
          empty: request.t('section.empty'),
          sectionId: s.id,
          basePath: `/${s.slug}`,
        }),
      }),
    });
  });

  app.get('/:section/:slug', async function showArticlePage(request: FastifyRequest, reply: FastifyReply) {
    const slug = requestedSlug((request.params as { section: string; slug: string }).slug);
    const article = await findVisibleArticle(deps, slug);
    if (!article) {
      const movedId = await findArticleIdByOldSlug(deps.db, slug);
      const moved = movedId !== undefined ? await findArticleById(deps.db, movedId) : undefined;
      if (moved && isVisible(moved, deps.clock.now())) return reply.redirect(articlePath(moved), 301);
      throw new NotFoundError('article');
    }
    const canonicalPath = articlePath(article);
    if (!samePath(request.url.split('?')[0] ?? '', canonicalPath)) return reply.redirect(canonicalPath, 301);
    const query = request.query as Record<string, string | undefined>;
    const replyTo = commentIdOf(query.replyTo);
    if (replyTo !== undefined) {
      // The no-JS "Répondre": the page holding the thread answered, with the form saying whom.
      const html = await renderArticlePage(deps, request, article, {}, { replyToId: replyTo });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    }
    const sort = discussionSort(query.sort);
    const liked = commentIdOf(query.liked);
    if (liked !== undefined) {
      // Back from the no-JS like button: a personal render showing this reader's likes, on the page of the comment liked.
      const html = await renderArticlePage(deps, request, article, {}, { sort, focus: liked, liked: await readerLikes(deps, request, article.id) });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    }
    if (query.reported !== undefined) {
      // Back from the no-JS report button: a personal render with the thank-you, on the page of the comment reported.
      const focus = commentIdOf(query.reported);
      const html = await renderArticlePage(deps, request, article, {}, { sort, reported: true, ...(focus !== undefined ? { focus } : {}) });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    }
    const message = postOutcome(request, query.comment);
    if (message) {
      // Back after posting: on the page of the new comment (?focus=), else the first.
      const focus = commentIdOf(query.focus);
      const html = await renderArticlePage(deps, request, article, { message }, focus !== undefined ? { focus } : {});
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    }
    // One cached page per order and page of the discussion; any other query shares the canonical page.
    const page = discussionPage(query.page);
    return sendPage(deps, request, reply, {
      key: canonicalPath + discussionQuery(sort, page),
      tags: [`article:${article.id}`],
      ttlMs: ARTICLE_TTL_MS,
      render: async () => ({ body: await renderArticlePage(deps, request, article, {}, { sort, page }) }),
    });
  });
}

async function findVisibleArticle(deps: Deps, slug: string): Promise<Article | undefined> {
  const a = await findArticleBySlug(deps.db, slug);
  return a && isVisible(a, deps.clock.now()) ? a : undefined;
}

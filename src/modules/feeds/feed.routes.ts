import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { sendPage } from '../../web/page';
import { parseInput } from '../../web/validate';
import { listTtl } from '../articles/article.pages';
import { NotFoundError } from '../../web/errors';
import { buildCommentFeed, COMMENT_FEED_TYPE, commentFeedPath, findFeedArticle } from './comment-feed';
import { buildFeed, FEED_FORMATS, feedPath, type FeedFormat } from './feed.service';
import { findListing, siteListing, type Listing } from './listing';
import { buildNewsSitemap, buildRobots, buildSitemap } from './sitemap.service';

const feedQuery = z.object({ full: z.enum(['0', '1']).optional() });
const sitemapQuery = z.object({ page: z.coerce.number().int().min(0).max(100_000).optional() });
const commentFeedQuery = z.object({ picks: z.enum(['0', '1']).optional() });
const XML = 'application/xml; charset=utf-8';
/** An article's comment feed is dropped with its page (tag `article:ID`); this only bounds a missed drop. */
const COMMENT_FEED_TTL_MS = 60_000;

/** Feeds (RSS 2.0, Atom, JSON Feed 1.1) of the site, sections, tags and authors; sitemaps; robots.txt. */
export function registerFeedRoutes(app: FastifyInstance, deps: Deps): void {
  const sendFeed = async (request: FastifyRequest, reply: FastifyReply, format: FeedFormat, listing: Listing) => {
    const full = parseInput(feedQuery, request.query, request.locale).full === '1';
    return sendPage(deps, request, reply, {
      key: feedPath(listing, format) + (full ? '?full=1' : ''),
      tags: ['lists'],
      ttlMs: await listTtl(deps),
      contentType: FEED_FORMATS[format].type,
      render: async () => ({ body: await buildFeed(deps, listing, format, full) }),
    });
  };
  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
    // Static segments win over /:section/:slug in Fastify's router, and slugs never hold a dot.
    app.get(`/${format}`, (request, reply) => sendFeed(request, reply, format, siteListing(deps)));
    app.get(`/:section/${format}`, async (request, reply) =>
      sendFeed(request, reply, format, await findListing(deps, 'section', (request.params as { section: string }).section)),
    );
    app.get(`/tag/:slug/${format}`, async (request, reply) =>
      sendFeed(request, reply, format, await findListing(deps, 'tag', (request.params as { slug: string }).slug)),
    );
    app.get(`/author/:id/${format}`, async (request, reply) =>
      sendFeed(request, reply, format, await findListing(deps, 'author', (request.params as { id: string }).id)),
    );
  }

  /** An article's comments, or its picks (`?picks=1`), as RSS: cached and dropped with the article's page. */
  app.get('/:section/:slug/comments.xml', async (request, reply) => {
    const picks = parseInput(commentFeedQuery, request.query, request.locale).picks === '1';
    const found = await findFeedArticle(deps, (request.params as { slug: string }).slug);
    if (!found) throw new NotFoundError('article');
    const path = commentFeedPath(found.article, picks);
    if (request.url.split('?')[0] !== path.split('?')[0]) return reply.redirect(path, 301);
    return sendPage(deps, request, reply, {
      key: path,
      tags: [`article:${found.article.id}`],
      ttlMs: COMMENT_FEED_TTL_MS,
      contentType: COMMENT_FEED_TYPE,
      render: async () => ({ body: await buildCommentFeed(deps, found.article, picks) }),
    });
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const { page } = parseInput(sitemapQuery, request.query, request.locale);
    return sendPage(deps, request, reply, {
      key: `/sitemap.xml?page=${page ?? ''}`,
      tags: ['lists'],
      ttlMs: await listTtl(deps),
      contentType: XML,
      render: async () => ({ body: await buildSitemap(deps, page) }),
    });
  });

  app.get('/news-sitemap.xml', async (request, reply) =>
    sendPage(deps, request, reply, {
      key: '/news-sitemap.xml',
      tags: ['lists'],
      ttlMs: await listTtl(deps),
      contentType: XML,
      render: async () => ({ body: await buildNewsSitemap(deps) }),
    }),
  );

  app.get('/robots.txt', async (_request, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(buildRobots(deps)));
}

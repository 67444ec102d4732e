import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { sendPage } from '../../web/page';
import { listPage, listTtl } from '../articles/article.pages';
import { findListing } from './listing';

/** Tag pages (/tag/:slug) and author pages (/author/:id), newest first, paginated like sections. */
export function registerListingPages(app: FastifyInstance, deps: Deps): void {
  const show = async (request: FastifyRequest, kind: 'tag' | 'author', key: string) => {
    const listing = await findListing(deps, kind, key);
    return {
      listing,
      render: async () => ({
        body: await listPage(deps, request, {
          title: listing.heading,
          heading: listing.heading,
          empty: request.t('listing.empty'),
          basePath: listing.path,
          ...(listing.tagId !== undefined ? { tagId: listing.tagId } : {}),
          ...(listing.authorId !== undefined ? { authorId: listing.authorId } : {}),
        }),
      }),
    };
  };
  app.get('/tag/:slug', async function showTagPage(request, reply) {
    const { render } = await show(request, 'tag', (request.params as { slug: string }).slug);
    return sendPage(deps, request, reply, { key: request.url, tags: ['lists'], ttlMs: await listTtl(deps), render });
  });
  app.get('/author/:id', async function showAuthorPage(request, reply) {
    const { render } = await show(request, 'author', (request.params as { id: string }).id);
    return sendPage(deps, request, reply, { key: request.url, tags: ['lists'], ttlMs: await listTtl(deps), render });
  });
}

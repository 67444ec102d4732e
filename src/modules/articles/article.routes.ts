import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { ConflictError, NotFoundError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import { articleCreateSchema, articleListQuerySchema, articlePatchSchema } from './article';
import { assertArticle } from './article.policy';
import { presentArticle } from './article.presenter';
import { createArticle, deleteArticle, getArticle, listArticlesPage, updateArticle } from './article.service';
import { listRevisions } from './article.repository';
import { findSectionBySlug, insertSection, listSections } from './section.repository';
import { slugify, SLUG_RE } from './slug';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Path segments a section may not take, since the site's own pages live there. */
export const RESERVED_SLUGS = new Set([
  'a', 'admin', 'api', 'assets', 'author', 'auteur', 'tag', 'search', 'recherche', 'login', 'logout', 'media',
  'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'news-sitemap.xml', 'robots.txt', 'embed.js', 'me', 'account', 'articles',
]);

const sectionSchema = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z.string().regex(SLUG_RE, 'lower-case letters, digits and hyphens only').max(60).optional(),
}).strict();

/** The articles and sections JSON API. */
export function registerArticleRoutes(app: FastifyInstance, deps: Deps): void {
  const present = (a: Parameters<typeof presentArticle>[0]) => presentArticle(a, deps.config.baseUrl, deps.clock.now());

  app.post('/api/v1/articles', async (request, reply) => {
    const input = parseInput(articleCreateSchema, request.body, request.locale);
    const a = await createArticle(deps, request.user, input);
    return reply.code(201).send(present(a));
  });

  app.get('/api/v1/articles', async (request) => {
    const q = parseInput(articleListQuerySchema, request.query, request.locale);
    const page = await listArticlesPage(deps, request.user, q);
    return { articles: page.articles.map(present), next: page.next };
  });

  app.get('/api/v1/articles/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    return present(await getArticle(deps, request.user, id));
  });

  app.patch('/api/v1/articles/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const patch = parseInput(articlePatchSchema, request.body, request.locale);
    return present(await updateArticle(deps, request.user, id, patch));
  });

  app.delete('/api/v1/articles/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    await deleteArticle(deps, request.user, id);
    return reply.code(204).send();
  });

  app.get('/api/v1/articles/:id/revisions', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const a = await getArticle(deps, request.user, id);
    assertArticle(request.user, 'article:read-unpublished', { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus });
    const rows = await listRevisions(deps.db, id);
    return {
      revisions: rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        author: r.author_id !== null ? { id: r.author_id, name: r.author_name } : null,
        title: r.title,
      })),
    };
  });

  app.get('/api/v1/sections', async () => ({ sections: await listSections(deps.db) }));

  app.post('/api/v1/sections', async (request, reply) => {
    assertArticle(request.user, 'section:create');
    const input = parseInput(sectionSchema, request.body, request.locale);
    const slug = input.slug ?? slugify(input.name);
    if (RESERVED_SLUGS.has(slug)) throw new ConflictError(`"${slug}" is reserved by the site`, 'slug');
    if (await findSectionBySlug(deps.db, slug)) throw new ConflictError(`a section already uses "${slug}"`, 'slug');
    const id = await insertSection(deps.db, { slug, name: input.name, created_at: deps.clock.now().toISOString() });
    await deps.cache.invalidate(['lists']);
    return reply.code(201).send({ id, slug, name: input.name });
  });

  app.get('/api/v1/sections/:slug', async (request) => {
    const { slug } = request.params as { slug: string };
    const s = await findSectionBySlug(deps.db, slug);
    if (!s) throw new NotFoundError('section');
    return s;
  });
}

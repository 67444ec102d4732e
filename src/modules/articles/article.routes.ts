import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import { parseInput } from '../../web/validate';
import { articleCreateSchema, articleIdParams as idParams, articleListQuerySchema, articlePatchSchema, sectionRenameSchema, sectionSchema } from './article';
import { assertArticle } from './article.policy';
import { presentArticle } from './article.presenter';
import { createArticle, deleteArticle, getArticle, listArticlesPage, updateArticle } from './article.service';
import { findSectionBySlug, listSections } from './section.repository';
import { createSection, updateSectionName } from './section.service';
import { mergeTag, renameTag, tagMergeSchema, tagRenameSchema } from './tag.service';

export { RESERVED_SLUGS } from './section.service';

/** The articles, sections and tags JSON API. */
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

  app.get('/api/v1/sections', async () => ({ sections: await listSections(deps.db) }));

  app.post('/api/v1/sections', async (request, reply) => {
    assertArticle(request.user, 'section:create');
    const input = parseInput(sectionSchema, request.body, request.locale);
    return reply.code(201).send(await createSection(deps, request.user, input));
  });

  app.patch('/api/v1/sections/:slug', async (request) => {
    const { slug } = request.params as { slug: string };
    assertArticle(request.user, 'section:update');
    const { name } = parseInput(sectionRenameSchema, request.body, request.locale);
    return updateSectionName(deps, request.user, slug, name);
  });

  app.get('/api/v1/sections/:slug', async (request) => {
    const { slug } = request.params as { slug: string };
    const s = await findSectionBySlug(deps.db, slug);
    if (!s) throw new NotFoundError('section');
    return s;
  });

  app.patch('/api/v1/tags/:slug', async (request) => {
    const { slug } = request.params as { slug: string };
    assertArticle(request.user, 'tag:update');
    return renameTag(deps, request.user, slug, parseInput(tagRenameSchema, request.body, request.locale));
  });

  app.post('/api/v1/tags/:slug/merge', async (request) => {
    const { slug } = request.params as { slug: string };
    assertArticle(request.user, 'tag:merge');
    const { into } = parseInput(tagMergeSchema, request.body, request.locale);
    return mergeTag(deps, request.user, slug, into);
  });
}

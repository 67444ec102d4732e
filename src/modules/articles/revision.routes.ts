import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { renderArticleMarkdown } from '../../web/markdown';
import { parseInput } from '../../web/validate';
import { articleIdParams as idParams, autosaveSchema, previewSchema, revisionParams } from './article';
import { assertArticle } from './article.policy';
import { presentArticle } from './article.presenter';
import { articleHistory, autosaveArticle, restoreRevision, revisionWithNext } from './revision.service';

/** Revisions (history, one version, restore), the editor's preview and its autosave. */
export function registerRevisionRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/articles/:id/revisions', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { entries } = await articleHistory(deps, request.user, id);
    return { revisions: entries.filter((e) => !e.current).map(({ current: _current, ...e }) => e) };
  });

  app.get('/api/v1/articles/:id/revisions/:rid', async (request) => {
    const { id, rid } = parseInput(revisionParams, request.params);
    const { revision: r } = await revisionWithNext(deps, request.user, id, rid);
    return { id: r.id, createdAt: r.created_at, author: r.author_id !== null ? { id: r.author_id, name: r.author_name } : null, title: r.title, summary: r.summary, body: r.body };
  });

  app.post('/api/v1/articles/:id/revisions/:rid/restore', async (request) => {
    const { id, rid } = parseInput(revisionParams, request.params);
    const a = await restoreRevision(deps, request.user, id, rid);
    return presentArticle(a, deps.config.baseUrl, deps.clock.now());
  });

  app.put('/api/v1/articles/:id/autosave', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const text = parseInput(autosaveSchema, request.body, request.locale);
    return autosaveArticle(deps, request.user, id, text);
  });

  // The editor's live preview: the very renderer of the public page, so what is previewed is what is published.
  app.post('/api/v1/preview', async (request) => {
    assertArticle(request.user, 'article:create');
    const { body } = parseInput(previewSchema, request.body, request.locale);
    return { html: renderArticleMarkdown(body) };
  });
}

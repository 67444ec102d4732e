import { z } from 'zod';
import { AUTHENTICATED, errors, json, jsonBody, NO_CONTENT, type ApiPaths } from '../../infra/openapi';
import {
  ARTICLE_STATUSES,
  articleCreateSchema,
  articleIdParams,
  articleListQuerySchema,
  articlePatchSchema,
  autosaveSchema,
  previewSchema,
  revisionParams,
  sectionRenameSchema,
  sectionSchema,
} from './article';
import type { presentArticle } from './article.presenter';
import type { Section } from './section.repository';
import { tagMergeSchema, tagRenameSchema } from './tag.service';

/** An article as the API answers it (article.presenter.ts; CONTRACT.md's fields). */
export const articleOut = z
  .object({
    id: z.number().int(),
    title: z.string(),
    slug: z.string(),
    body: z.string().meta({ description: 'Markdown' }),
    summary: z.string(),
    section: z.string().nullable().meta({ description: 'The section’s slug' }),
    tags: z.array(z.string()).meta({ description: 'Tag slugs' }),
    authors: z.array(z.number().int()).meta({ description: 'User ids, in byline order' }),
    dateline: z.string(),
    status: z.enum(ARTICLE_STATUSES),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    commentsOpen: z.boolean().meta({ description: 'The article’s own switch' }),
    image: z.number().int().nullable().meta({ description: 'The featured image’s media id' }),
    correction: z.string().nullable(),
    lang: z.string(),
    moderation: z.string().nullable().meta({ description: 'This article’s moderation mode, when it overrides the site’s' }),
    url: z.string().meta({ description: 'The absolute canonical URL of the public page' }),
  })
  .meta({ id: 'Article' });

const sectionOut = z.object({ id: z.number().int(), slug: z.string(), name: z.string() }).meta({ id: 'Section' });
const tagOut = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });
const revisionEntry = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  author: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  title: z.string(),
});
const slugPath = z.object({ slug: z.string() });

// The documents stay true to the presenters: these fail to compile when a presenter changes shape.
type Assignable<T extends U, U> = T;
export type ArticleDocumented = Assignable<ReturnType<typeof presentArticle>, z.infer<typeof articleOut>>;
export type SectionDocumented = Assignable<Section, z.infer<typeof sectionOut>>;

const write = { security: AUTHENTICATED };

/** Articles, sections, tags, revisions, autosave and preview. */
export const articlePaths: ApiPaths = {
  '/api/v1/articles': {
    post: {
      tags: ['articles'],
      summary: 'Create an article',
      ...write,
      requestBody: jsonBody(articleCreateSchema),
      responses: { '201': json('The article', articleOut), ...errors([400, 401, 403, 409]) },
    },
    get: {
      tags: ['articles'],
      summary: 'List articles (drafts to the newsroom; `q` searches published ones, best first)',
      requestParams: { query: articleListQuerySchema },
      responses: { '200': json('A page of articles', z.object({ articles: z.array(articleOut), next: z.string().nullable() })), ...errors([400, 401, 403]) },
    },
  },
  '/api/v1/articles/{id}': {
    get: {
      tags: ['articles'],
      summary: 'One article (unpublished ones to the newsroom only)',
      requestParams: { path: articleIdParams },
      responses: { '200': json('The article', articleOut), ...errors([400, 404]) },
    },
    patch: {
      tags: ['articles'],
      summary: 'Change some fields of an article',
      ...write,
      requestParams: { path: articleIdParams },
      requestBody: jsonBody(articlePatchSchema),
      responses: { '200': json('The article', articleOut), ...errors([400, 401, 403, 404, 409]) },
    },
    delete: {
      tags: ['articles'],
      summary: 'Delete an article',
      ...write,
      requestParams: { path: articleIdParams },
      responses: { '204': NO_CONTENT, ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/articles/{id}/revisions': {
    get: {
      tags: ['revisions'],
      summary: 'The former versions of an article, newest first',
      ...write,
      requestParams: { path: articleIdParams },
      responses: { '200': json('Revisions', z.object({ revisions: z.array(revisionEntry) })), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/articles/{id}/revisions/{rid}': {
    get: {
      tags: ['revisions'],
      summary: 'One former version',
      ...write,
      requestParams: { path: revisionParams },
      responses: {
        '200': json('The revision', revisionEntry.extend({ summary: z.string(), body: z.string() })),
        ...errors([400, 401, 403, 404]),
      },
    },
  },
  '/api/v1/articles/{id}/revisions/{rid}/restore': {
    post: {
      tags: ['revisions'],
      summary: 'Make a former version the current text (the current one becomes a revision)',
      ...write,
      requestParams: { path: revisionParams },
      responses: { '200': json('The article', articleOut), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/articles/{id}/autosave': {
    put: {
      tags: ['revisions'],
      summary: 'The editor’s autosave of a draft (not a revision)',
      ...write,
      requestParams: { path: articleIdParams },
      requestBody: jsonBody(autosaveSchema),
      responses: { '200': json('Saved', z.object({ savedAt: z.string() })), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/preview': {
    post: {
      tags: ['articles'],
      summary: 'Render Markdown as the public page would',
      ...write,
      requestBody: jsonBody(previewSchema),
      responses: { '200': json('Sanitized HTML', z.object({ html: z.string() })), ...errors([400, 401, 403]) },
    },
  },
  '/api/v1/sections': {
    get: {
      tags: ['sections'],
      summary: 'Every section, by name',
      responses: { '200': json('Sections', z.object({ sections: z.array(sectionOut) })) },
    },
    post: {
      tags: ['sections'],
      summary: 'Create a section (the slug is derived from the name when absent)',
      ...write,
      requestBody: jsonBody(sectionSchema),
      responses: { '201': json('The section', sectionOut), ...errors([400, 401, 403, 409]) },
    },
  },
  '/api/v1/sections/{slug}': {
    get: {
      tags: ['sections'],
      summary: 'One section',
      requestParams: { path: slugPath },
      responses: { '200': json('The section', sectionOut), ...errors([404]) },
    },
    patch: {
      tags: ['sections'],
      summary: 'Rename a section (its slug stays)',
      ...write,
      requestParams: { path: slugPath },
      requestBody: jsonBody(sectionRenameSchema),
      responses: { '200': json('The section', sectionOut), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/tags/{slug}': {
    patch: {
      tags: ['tags'],
      summary: 'Rename a tag; its former slug keeps answering with a redirect',
      ...write,
      requestParams: { path: slugPath },
      requestBody: jsonBody(tagRenameSchema),
      responses: { '200': json('The tag', tagOut), ...errors([400, 401, 403, 404, 409]) },
    },
  },
  '/api/v1/tags/{slug}/merge': {
    post: {
      tags: ['tags'],
      summary: 'Merge a tag into another (`into`, a slug); the first is deleted',
      ...write,
      requestParams: { path: slugPath },
      requestBody: jsonBody(tagMergeSchema),
      responses: { '200': json('The remaining tag', tagOut.extend({ articles: z.number().int() })), ...errors([400, 401, 403, 404]) },
    },
  },
};

import { z } from 'zod';
import { AUTHENTICATED, errors, idPath, json, jsonBody, type ApiPaths } from '../../infra/openapi';
import { COMMENT_SORTS, COMMENT_STATUSES, commentEditSchema, commentInputSchema, type PublicComment } from './comment';
import type { SubmitResult } from './comment.service';
import type { EditResult } from './reaction.service';

// PLACEHOLDERS (the lead swaps them once comment.routes.ts exports its schemas from comment.ts):
// copies of `listQuery` and `reportBody`, still inline in comment.routes.ts.
const commentListQuery = z.object({ sort: z.enum(COMMENT_SORTS).default('oldest'), after: z.string().max(50).optional() });
const reportBody = z.object({ reason: z.string().trim().max(500).optional() });

export const reasonOut = z.object({ code: z.string(), detail: z.string().optional() }).meta({ id: 'Reason' });

export const commentOut = z
  .object({
    id: z.number().int(),
    articleId: z.number().int(),
    parentId: z.number().int().nullable(),
    author: z.object({ name: z.string() }).meta({ description: 'Never an email or an address' }),
    body: z.string().meta({ description: 'As written' }),
    html: z.string().meta({ description: 'As rendered' }),
    createdAt: z.string(),
    status: z.enum(COMMENT_STATUSES),
    likes: z.number().int(),
    editedAt: z.string().nullable(),
  })
  .meta({ id: 'Comment' });

const submitted = z.object({ id: z.number().int(), status: z.enum(COMMENT_STATUSES), reasons: z.array(reasonOut) });
const edited = submitted.extend({ editedAt: z.string(), body: z.string(), html: z.string() });

type Assignable<T extends U, U> = T;
export type CommentDocumented = Assignable<PublicComment, z.infer<typeof commentOut>>;
export type SubmitDocumented = Assignable<SubmitResult, z.infer<typeof submitted>>;
export type EditDocumented = Assignable<EditResult, z.infer<typeof edited>>;

const tags = ['comments'];

/** The public discussion: list, post, live events, the form token, reports, likes, the author's edit. */
export const commentPaths: ApiPaths = {
  '/api/v1/articles/{id}/comments': {
    get: {
      tags,
      summary: 'Published comments of an article (and the reader’s own pending ones)',
      requestParams: { path: idPath, query: commentListQuery },
      responses: {
        '200': json('A page of comments', z.object({ comments: z.array(commentOut), next: z.string().nullable(), open: z.boolean() })),
        ...errors([400, 404]),
      },
    },
    post: {
      tags,
      summary: 'Post a comment (a guest or an account); the pipeline decides its status',
      requestParams: { path: idPath },
      requestBody: jsonBody(commentInputSchema),
      responses: {
        '201': json('Saved, with the pipeline’s decision', submitted),
        ...errors([400, 403, 404, 429], { 403: ['comments_closed', 'accounts_only', 'banned'] }),
      },
    },
  },
  '/api/v1/articles/{id}/comments/events': {
    get: {
      tags,
      summary: 'Live comments (Server-Sent Events): `comment` for a new one, `comment-edited` and `likes`',
      requestParams: { path: idPath },
      responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errors([400, 404]) },
    },
  },
  '/api/v1/articles/{id}/comments/token': {
    get: {
      tags,
      summary: 'A fresh signed form token (time to submit), never cached',
      requestParams: { path: idPath },
      responses: { '200': json('The token', z.object({ token: z.string() })), ...errors([400, 404]) },
    },
  },
  '/api/v1/articles/{id}/comments/mine': {
    get: {
      tags,
      summary: 'The reader’s own held comments under this article (signed cookie), never cached',
      requestParams: { path: idPath },
      responses: { '200': json('Own pending comments', z.object({ comments: z.array(commentOut) })), ...errors([400, 404]) },
    },
  },
  '/api/v1/articles/{id}/comments/reader': {
    get: {
      tags: ['likes'],
      summary: 'What a shared page cannot print for this reader: their likes, live counts, their editable comments',
      requestParams: { path: idPath },
      responses: {
        '200': json(
          'The reader’s state',
          z.object({
            liked: z.array(z.number().int()),
            likes: z.record(z.string(), z.number().int()).meta({ description: 'Like counts by comment id' }),
            editable: z.array(z.object({ id: z.number().int(), until: z.string(), body: z.string() })),
          }),
        ),
        ...errors([400, 404]),
      },
    },
  },
  '/api/v1/comments/{id}/reports': {
    post: {
      tags,
      summary: 'Report a published comment (one report per reader)',
      requestParams: { path: idPath },
      requestBody: jsonBody(reportBody, false),
      responses: { '201': json('Reported', z.object({ reported: z.literal(true) })), ...errors([400, 404, 429]) },
    },
  },
  '/api/v1/comments/{id}/likes': {
    post: {
      tags: ['likes'],
      summary: 'Like a published comment (once per account, else per address)',
      requestParams: { path: idPath },
      responses: { '200': json('The count', z.object({ likes: z.number().int(), liked: z.boolean() })), ...errors([400, 404, 429]) },
    },
    delete: {
      tags: ['likes'],
      summary: 'Take a like back',
      requestParams: { path: idPath },
      responses: { '200': json('The count', z.object({ likes: z.number().int(), liked: z.boolean() })), ...errors([400, 404, 429]) },
    },
  },
  '/api/v1/comments/{id}/edits': {
    get: {
      tags: ['edits'],
      summary: 'The former texts of an edited comment, oldest first (moderators)',
      requestParams: { path: idPath },
      responses: {
        '200': json(
          'Former texts',
          z.object({ edits: z.array(z.object({ id: z.number().int(), body: z.string(), status: z.string(), reasons: z.array(reasonOut), editedAt: z.string() })) }),
        ),
        ...errors([400, 401, 403, 404]),
      },
    },
  },
  '/api/v1/comments/{id}': {
    patch: {
      tags: ['edits'],
      summary: 'The author edits their comment within the edit window; moderated again',
      requestParams: { path: idPath },
      requestBody: jsonBody(commentEditSchema),
      responses: { '200': json('The new text and status', edited), ...errors([400, 403, 404, 429], { 403: ['edit_window_closed', 'banned'] }) },
    },
  },
  '/api/v1/comments/{id}/pick': {
    post: { tags, security: AUTHENTICATED, summary: 'Pick a comment for the “Sélection de la rédaction”', requestParams: { path: idPath }, responses: { '200': json('Picked', z.object({ id: z.number().int(), picked: z.boolean() })), ...errors([400, 401, 403, 404]) } },
    delete: { tags, security: AUTHENTICATED, summary: 'Unpick a comment', requestParams: { path: idPath }, responses: { '200': json('Unpicked', z.object({ id: z.number().int(), picked: z.boolean() })), ...errors([400, 401, 403, 404]) } },
  },
};


import { z } from 'zod';
import { AUTHENTICATED, errors, idPath, json, jsonBody, type ApiPaths } from '../../infra/openapi';
import { COMMENT_STATUSES, commentEditSchema, commentIdParams, commentInputSchema, commentListQuery, commentReportSchema, type PublicComment } from './comment';
import type { SubmitResult } from './comment.service';
import type { EditResult } from './reaction.service';

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
    picked: z.boolean().meta({ description: 'Picked by the newsroom (“Sélection de la rédaction”, `POST /api/v1/comments/{id}/pick`)' }),
    pickedAt: z.string().nullable().meta({ description: 'When it was picked (ISO 8601); null when it is not' }),
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
      requestParams: { path: commentIdParams, query: commentListQuery },
      responses: {
        '200': json('A page of comments', z.object({ comments: z.array(commentOut), next: z.string().nullable(), open: z.boolean() })),
        ...errors([400, 404]),
      },
    },
    post: {
      tags,
      summary: 'Post a comment (a guest or an account); the pipeline decides its status',
      description:
        'Without an API token (Bearer), the caller sends the form’s `token` (from `/comments/token`, fetched when the reader opens the form) and may send the honeypot `website`, as the HTML form does: a missing, forged or expired token holds the comment (`form_token`), one sent too fast too (`too_fast`); staff are exempt, and `minSubmitSeconds: 0` turns the time check off. ' +
        'With `Idempotency-Key`, the same key from the same client within a day answers the first result again (header `Idempotent-Replayed: true`), never a second comment.',
      requestParams: { path: commentIdParams, header: z.object({ 'idempotency-key': z.string().min(1).max(200).optional().meta({ description: '1–200 visible ASCII characters, one per comment (a UUID)' }) }) },
      requestBody: jsonBody(commentInputSchema),
      responses: {
        '201': json('Saved, with the pipeline’s decision', submitted),
        ...errors([400, 403, 404, 409, 429], { 403: ['comments_closed', 'accounts_only', 'banned'], 409: ['idempotency_in_progress'] }),
      },
    },
  },
  '/api/v1/articles/{id}/comments/events': {
    get: {
      tags,
      summary: 'Live comments (Server-Sent Events): `comment` for a new one (its id as event id), `comment-edited` and `likes`',
      description: 'A reconnecting reader sends `Last-Event-ID` (or `lastEventId`): the published comments with a higher id are replayed first (at most 200). At most PALABRE_STREAMS_PER_ADDRESS (default 100) open streams per client address.',
      requestParams: {
        path: commentIdParams,
        query: z.object({ lastEventId: z.string().regex(/^\d+$/).optional() }),
        header: z.object({ 'last-event-id': z.string().optional() }),
      },
      responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errors([400, 404, 429], { 429: ['too_many_streams'] }) },
    },
  },
  '/api/v1/articles/{id}/comments/token': {
    get: {
      tags,
      summary: 'A fresh signed form token (time to submit), never cached',
      requestParams: { path: commentIdParams },
      responses: { '200': json('The token', z.object({ token: z.string() })), ...errors([400, 404]) },
    },
  },
  '/api/v1/articles/{id}/comments/mine': {
    get: {
      tags,
      summary: 'The reader’s own held comments under this article (signed cookie), never cached',
      requestParams: { path: commentIdParams },
      responses: { '200': json('Own pending comments', z.object({ comments: z.array(commentOut) })), ...errors([400, 404]) },
    },
  },
  '/api/v1/articles/{id}/comments/reader': {
    get: {
      tags: ['likes'],
      summary: 'What a shared page cannot print for this reader, in one answer: likes, live counts, editable comments, a form token, own held comments',
      description: 'The article page’s one reader call, never cached. `token` is what `/comments/token` answers and `pending` what `/comments/mine` answers (both still served).',
      requestParams: { path: commentIdParams },
      responses: {
        '200': json(
          'The reader’s state',
          z.object({
            liked: z.array(z.number().int()),
            likes: z.record(z.string(), z.number().int()).meta({ description: 'Like counts by comment id' }),
            editable: z.array(z.object({ id: z.number().int(), until: z.string(), body: z.string() })),
            token: z.string().meta({ description: 'A fresh signed form token (time to submit)' }),
            pending: z.array(commentOut).meta({ description: 'The reader’s own held comments under this article (signed cookie)' }),
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
      requestParams: { path: commentIdParams },
      requestBody: jsonBody(commentReportSchema, false),
      responses: { '201': json('Reported', z.object({ reported: z.literal(true) })), ...errors([400, 404, 429]) },
    },
  },
  '/api/v1/comments/{id}/likes': {
    post: {
      tags: ['likes'],
      summary: 'Like a published comment (once per account, else per address)',
      requestParams: { path: commentIdParams },
      responses: { '200': json('The count', z.object({ likes: z.number().int(), liked: z.boolean() })), ...errors([400, 404, 429]) },
    },
    delete: {
      tags: ['likes'],
      summary: 'Take a like back',
      requestParams: { path: commentIdParams },
      responses: { '200': json('The count', z.object({ likes: z.number().int(), liked: z.boolean() })), ...errors([400, 404, 429]) },
    },
  },
  '/api/v1/comments/{id}/edits': {
    get: {
      tags: ['edits'],
      summary: 'The former texts of an edited comment, oldest first (moderators)',
      requestParams: { path: commentIdParams },
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
      requestParams: { path: commentIdParams },
      requestBody: jsonBody(commentEditSchema),
      responses: { '200': json('The new text and status', edited), ...errors([400, 403, 404, 429], { 403: ['edit_window_closed', 'banned'] }) },
    },
  },
  '/api/v1/comments/{id}/pick': {
    post: { tags, security: AUTHENTICATED, summary: 'Pick a comment for the “Sélection de la rédaction”', requestParams: { path: idPath }, responses: { '200': json('Picked', z.object({ id: z.number().int(), picked: z.boolean() })), ...errors([400, 401, 403, 404]) } },
    delete: { tags, security: AUTHENTICATED, summary: 'Unpick a comment', requestParams: { path: idPath }, responses: { '200': json('Unpicked', z.object({ id: z.number().int(), picked: z.boolean() })), ...errors([400, 401, 403, 404]) } },
  },
};


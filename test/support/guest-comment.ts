import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { issueFormToken } from '../../src/modules/moderation/form-token';
import type { TestApp } from './test-app';

/** Longer than the largest `minSubmitSeconds` the settings accept (600 s). */
const READING_TIME_MS = 601_000;

/**
 * The signed form token a reader who opened the comment form ten minutes ago holds: what
 * GET /api/v1/articles/:id/comments/token answered then (same secret, same article), so it
 * passes the time-to-submit check whatever `minSubmitSeconds` is, without moving the app's
 * clock (tests that read exact times, or the order of comments, keep them).
 *
 * For tests about something else than bots that post guest comments through the JSON API,
 * as the site's script does. Tests about the bot traps fetch the token through the API.
 */
export function readerToken(t: TestApp, articleId: number): string {
  return issueFormToken(t.deps.secret, articleId, new Date(t.deps.clock.now().getTime() - READING_TIME_MS));
}

export interface GuestComment {
  body: string;
  name?: string;
  email?: string;
  parentId?: number | null;
  notifyReplies?: boolean;
}

/**
 * POST /api/v1/articles/:id/comments as a guest whose browser took its time (see readerToken);
 * `request` adds headers, remoteAddress… to the injected request.
 */
export function postGuestComment(t: TestApp, articleId: number, comment: GuestComment, request: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    ...request,
    method: 'POST',
    url: `/api/v1/articles/${articleId}/comments`,
    payload: { ...comment, token: readerToken(t, articleId) },
  });
}

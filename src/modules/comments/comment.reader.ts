import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { hashIp } from '../../web/security';
import { issueFormToken } from '../moderation/form-token';
import { pendingIds } from './comment.pending';
import { presentComment } from './comment.presenter';
import { listOwnPending } from './comment.repository';

/** Who reports (or likes): the account, else the (hashed) address; one report (like) each per comment. */
export function readerKey(deps: Deps, request: FastifyRequest): string {
  return request.user ? `user:${request.user.id}` : `address:${hashIp(deps.secret, request.ip)}`;
}

/**
 * The parts of the reader's call (GET /api/v1/articles/:id/comments/reader) that the comment
 * form needs: a fresh signed form token (the cached page's one is shared and older) and the
 * reader's own held comments (signed cookie). The same as the older `token` and `mine` calls,
 * which stay, so that the page makes one call instead of three.
 */
export async function readerFormState(deps: Deps, request: FastifyRequest, articleId: number): Promise<{ token: string; pending: ReturnType<typeof presentComment>[] }> {
  const rows = await listOwnPending(deps.db, articleId, pendingIds(request));
  return { token: issueFormToken(deps.secret, articleId, deps.clock.now()), pending: rows.map(presentComment) };
}

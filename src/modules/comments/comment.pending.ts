import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A reader's own held comments. The article page is cached and the same for
 * everyone, so a held comment cannot be printed into it; instead a signed,
 * HttpOnly cookie remembers the ids of the reader's last held comments and the
 * page's script asks GET /api/v1/articles/:id/comments/mine for them.
 */
export const PENDING_COOKIE = 'palabre_pending';
/**
 * A guest's own comments (any status), by the same signed, HttpOnly cookie pattern:
 * it is what makes a guest the author of a comment for the edit window.
 */
export const OWN_COOKIE = 'palabre_own';
const MAX_REMEMBERED = 20;

/** The ids kept in a signed id-list cookie (nothing when it was tampered with). */
function signedIds(request: FastifyRequest, cookie: string): number[] {
  const raw = request.cookies[cookie];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  return unsigned.value
    .split('.')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

function remember(request: FastifyRequest, reply: FastifyReply, cookie: string, id: number, secure: boolean, maxAge: number): void {
  const ids = [...signedIds(request, cookie).filter((x) => x !== id), id].slice(-MAX_REMEMBERED);
  reply.setCookie(cookie, ids.join('.'), { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
}

/** The ids of the reader's held comments, from the signed cookie (nothing when it was tampered with). */
export function pendingIds(request: FastifyRequest): number[] {
  return signedIds(request, PENDING_COOKIE);
}

/** Adds a held comment to the reader's cookie. */
export function rememberPending(request: FastifyRequest, reply: FastifyReply, id: number, secure: boolean): void {
  remember(request, reply, PENDING_COOKIE, id, secure, 30 * 24 * 3600);
}

/** The ids of the comments this guest posted from this browser (signed cookie). */
export function ownIds(request: FastifyRequest): number[] {
  return signedIds(request, OWN_COOKIE);
}

/** Remembers a guest's new comment as theirs, for the longest edit window the settings allow (7 days). */
export function rememberOwn(request: FastifyRequest, reply: FastifyReply, id: number, secure: boolean): void {
  remember(request, reply, OWN_COOKIE, id, secure, 7 * 24 * 3600);
}

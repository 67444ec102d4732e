import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A reader's own held comments. The article page is cached and the same for
 * everyone, so a held comment cannot be printed into it; instead a signed,
 * HttpOnly cookie remembers the ids of the reader's last held comments and the
 * page's script asks GET /api/v1/articles/:id/comments/mine for them.
 */
export const PENDING_COOKIE = 'palabre_pending';
const MAX_REMEMBERED = 20;

/** The ids of the reader's held comments, from the signed cookie (nothing when it was tampered with). */
export function pendingIds(request: FastifyRequest): number[] {
  const raw = request.cookies[PENDING_COOKIE];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  return unsigned.value
    .split('.')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** Adds a held comment to the reader's cookie. */
export function rememberPending(request: FastifyRequest, reply: FastifyReply, id: number, secure: boolean): void {
  const ids = [...pendingIds(request).filter((x) => x !== id), id].slice(-MAX_REMEMBERED);
  reply.setCookie(PENDING_COOKIE, ids.join('.'), { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 30 * 24 * 3600 });
}

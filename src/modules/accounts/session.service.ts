import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { CsrfError } from '../../web/errors';
import { safeEqual, sha256 } from '../../web/security';
import { SESSION_COOKIE, sessionCookieName } from './auth.plugin';

/** How long a session lasts without signing in again. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/**
 * Opens a server-side session for the user: a 128-bit random id (only its hash is
 * stored) and a per-session CSRF token. Returns the cookie value.
 */
export async function createSession(deps: Deps, userId: number): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const now = deps.clock.now();
  await deps.db
    .insertInto('sessions')
    .values({
      id: sha256(id),
      user_id: userId,
      csrf: randomBytes(16).toString('base64url'),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    })
    .execute();
  return id;
}

/** Ends one session (logout). */
export async function destroySession(deps: Deps, cookieValue: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sha256(cookieValue)).execute();
}

/** Ends every session of a user (role change, ban, password reset). */
export async function destroyUserSessions(deps: Deps, userId: number): Promise<void> {
  await deps.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the site is served over https. */
export function setSessionCookie(deps: Deps, reply: FastifyReply, value: string): void {
  reply.setCookie(sessionCookieName(deps.config.baseUrl), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.baseUrl.startsWith('https:'),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

/** Clears the session cookie under both its names (which one the site uses depends on its base URL). */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(sessionCookieName('https:'), { path: '/', secure: true });
}

/** The session cookie's value in the request, under the name this site uses. */
export function sessionCookie(deps: Deps, request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(deps.config.baseUrl)];
}

/**
 * For the newsroom's HTML forms: the session's CSRF token must come back in the
 * `_csrf` field (on top of the same-origin check every unsafe request gets).
 */
export function verifyFormCsrf(request: FastifyRequest, token: unknown): void {
  if (request.authMethod === 'token') return;
  if (!request.sessionCsrf || typeof token !== 'string' || !safeEqual(token, request.sessionCsrf)) throw new CsrfError();
}

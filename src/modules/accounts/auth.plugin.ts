import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { UnauthorizedError } from '../../web/errors';
import { sha256 } from '../../web/security';
import { findSession } from './user.repository';
import { authenticateToken } from './user.service';

/** Name of the session cookie over http. */
export const SESSION_COOKIE = 'palabre_session';

/**
 * The session cookie's name: over https, `__Host-` makes browsers refuse it unless it
 * is Secure, for this host only and for the whole path, so a sibling subdomain or a
 * plain-http page cannot plant or shadow it. Over http the prefix cannot be used.
 */
export function sessionCookieName(baseUrl: string): string {
  return baseUrl.startsWith('https:') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/**
 * Resolves request.user from `Authorization: Bearer` or the session cookie.
 * An invalid Bearer token is refused at once (401) rather than treated as anonymous.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  const cookieName = sessionCookieName(deps.config.baseUrl);
  app.decorateRequest('user', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionCsrf', null);
  app.addHook('preHandler', async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const user = await authenticateToken(deps, auth.slice(7).trim());
      if (!user) throw new UnauthorizedError('invalid or revoked token');
      request.user = user;
      request.authMethod = 'token';
      return;
    }
    const sid = request.cookies[cookieName];
    if (sid && sid.length <= 100) {
      const s = await findSession(deps.db, sha256(sid), deps.clock.now().toISOString());
      if (s) {
        request.user = { id: s.id, email: s.email, name: s.name, role: s.role, locale: s.locale };
        request.authMethod = 'session';
        request.sessionCsrf = s.csrf;
      }
    }
  });
}

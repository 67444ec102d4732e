import type { Locale } from '../config';
import type { AuthUser } from '../modules/accounts/account';
import type { Translate } from './i18n/i18n';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route added, with its final options (rate limit included). */
    routeTable(): import('./rate-limits').RouteEntry[];
    /** Anonymous hits of cached pages answered before routing (fast-path.ts). */
    fastPages: import('./fast-path').FastPages;
  }
  interface FastifyRequest {
    /** The signed-in account (session cookie or Bearer token), or null. */
    user: AuthUser | null;
    /** How the user was authenticated: by a Bearer token (no CSRF concern) or a session cookie. */
    authMethod: 'token' | 'session' | null;
    /** CSRF token of the session, for the newsroom's forms. */
    sessionCsrf: string | null;
    locale: Locale;
    t: Translate;
  }
  interface FastifyContextConfig {
    /**
     * A POST other sites may send (RFC 8058 one-click unsubscribe from a mail provider):
     * its authority is a signed token in the URL, never a cookie, so the same-origin check is skipped.
     */
    crossSitePost?: boolean;
  }
}

export {};

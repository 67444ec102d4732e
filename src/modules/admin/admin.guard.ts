import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale } from '../../config';
import { translator, type Translate } from '../../web/i18n/i18n';
import type { AuthUser, Role } from '../accounts/account';
import { requireRole } from '../accounts/session.service';
import { assertAdmin, type AdminAction } from './admin.policy';

/** What every newsroom page needs: the user, their language, the session's CSRF token. */
export interface AdminContext {
  user: AuthUser;
  locale: Locale;
  t: Translate;
  csrf: string;
}

/** The context of a newsroom page the user may open (admin.policy.ts; 401 or 403 otherwise), in the user's language. */
export function adminPage(request: FastifyRequest, action: AdminAction): AdminContext {
  assertAdmin(request.user, action);
  return contextOf(request, request.user);
}

/** The context of a page for a user another module's policy already let in. */
export function contextOf(request: FastifyRequest, user: AuthUser): AdminContext {
  const locale = user.locale ?? request.locale;
  return { user, locale, t: translator(locale), csrf: request.sessionCsrf ?? '' };
}

/**
 * The context of a newsroom page for one of the roles. Kept for moderation.pages.tsx until
 * it asks moderation.policy.ts (assertModeration, then contextOf); new pages use adminPage.
 */
export function adminContext(request: FastifyRequest, roles: readonly Role[]): AdminContext {
  return contextOf(request, requireRole(request, roles));
}

/**
 * Inside the newsroom's plugin scope: an anonymous visitor to a page is sent to
 * /login (303) with the way back; API routes are not in this scope and keep answering 401.
 */
export function redirectAnonymousToLogin(scope: FastifyInstance): void {
  scope.addHook('preHandler', async (request, reply) => {
    if (request.user) return;
    const next = request.method === 'GET' ? request.url : '/admin';
    return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  });
}

/** Sends a server-rendered newsroom page: never cached, never shared. */
export const NO_STORE = { 'cache-control': 'private, no-store', 'content-type': 'text/html; charset=utf-8' } as const;

/** A form field from a urlencoded body: the string, or '' when absent or repeated oddly. */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

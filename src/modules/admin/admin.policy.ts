import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import type { AuthUser, Role } from '../accounts/account';

/** The newsroom's pages one may open (what one may do on them is each module's policy). */
export type AdminAction =
  | 'admin:dashboard'
  | 'admin:account'
  | 'admin:api-docs'
  | 'admin:articles'
  | 'admin:media'
  | 'admin:sections'
  | 'admin:users'
  | 'admin:settings';

const EVERYONE: readonly Role[] = ['admin', 'editor', 'author', 'moderator', 'reader'];
const STAFF: readonly Role[] = ['admin', 'editor', 'author', 'moderator'];
const WRITERS: readonly Role[] = ['admin', 'editor', 'author'];
const MANAGERS: readonly Role[] = ['admin', 'editor'];

/** Who opens which page; the one place the newsroom's page permissions are decided. */
const RULES: Record<AdminAction, readonly Role[]> = {
  'admin:dashboard': STAFF,
  // Every account has its own page: language, API tokens (a reader's comment bot included).
  'admin:account': EVERYONE,
  'admin:api-docs': STAFF,
  'admin:articles': WRITERS,
  'admin:media': WRITERS,
  'admin:sections': MANAGERS,
  'admin:users': MANAGERS,
  'admin:settings': MANAGERS,
};

/** Whether the user may open the page. */
export function canAdmin(user: AuthUser | null, action: AdminAction): boolean {
  return user !== null && RULES[action].includes(user.role);
}

/** Throws 401 for anonymous callers (the page then redirects to /login), 403 for those not allowed. */
export function assertAdmin(user: AuthUser | null, action: AdminAction): asserts user is AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!canAdmin(user, action)) throw new ForbiddenError(`your role (${user.role}) may not open this page`);
}

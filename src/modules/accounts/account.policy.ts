import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import { EDITOR_INVITABLE_ROLES, type AuthUser, type Role } from './account';

/** Everything one can do to accounts and API tokens. */
export type AccountAction =
  | 'user:list'
  | 'user:invite'
  | 'user:update'
  | 'token:manage-own'
  | 'token:revoke-any';

/** What an action is about, when it matters: the role given by an invitation, the owner of a token. */
export interface AccountSubject {
  role?: Role;
  ownerId?: number;
}

/** Whether the user may do the action; the one place account permissions are decided. */
export function canAccount(user: AuthUser | null, action: AccountAction, subject: AccountSubject = {}): boolean {
  if (!user) return false;
  switch (action) {
    case 'token:manage-own':
      // Every account may hold tokens for its own scripts (a reader's comment bot included).
      return subject.ownerId === undefined || subject.ownerId === user.id;
    case 'user:list':
    case 'user:invite':
      if (user.role === 'admin') return true;
      if (user.role !== 'editor') return false;
      return action === 'user:list' || subject.role === undefined || EDITOR_INVITABLE_ROLES.includes(subject.role);
    case 'user:update':
    case 'token:revoke-any':
      return user.role === 'admin';
  }
}

/** Throws 401 for anonymous callers, 403 for those not allowed. */
export function assertAccount(user: AuthUser | null, action: AccountAction, subject: AccountSubject = {}): asserts user is AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!canAccount(user, action, subject)) throw new ForbiddenError(`your role (${user.role}) may not ${action.replace(':', ' ')}`);
}

import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';

/** Everything one can do to the media library. */
export type MediaAction = 'media:upload' | 'media:list' | 'media:update' | 'media:delete';

/** Whether the user may do the action: those who write upload and describe; editors and admins also delete. */
export function canMedia(user: AuthUser | null, action: MediaAction): boolean {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'editor') return true;
  return user.role === 'author' && action !== 'media:delete';
}

/** Throws 401 for anonymous callers, 403 for those not allowed. */
export function assertMedia(user: AuthUser | null, action: MediaAction): asserts user is AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!canMedia(user, action)) throw new ForbiddenError(`your role (${user.role}) may not ${action.replace(':', ' ')}`);
}

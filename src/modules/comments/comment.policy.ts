import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import type { AuthUser, Role } from '../accounts/account';

/** Who picks comments for the "Sélection de la rédaction": moderators and journalists (editors, authors, admins). */
export const PICKER_ROLES: readonly Role[] = ['admin', 'editor', 'author', 'moderator'];

/** The account, if it may pick comments; 401 signed out, 403 a reader. */
export function assertPicker(user: AuthUser | null): AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!PICKER_ROLES.includes(user.role)) throw new ForbiddenError('only moderators and journalists pick comments');
  return user;
}

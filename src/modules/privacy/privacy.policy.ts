import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';

/** Everything one can do about personal data and its settings. */
export type PrivacyAction = 'privacy:download-own' | 'privacy:erase-own' | 'privacy-settings:read' | 'privacy-settings:update';

/** Whether the user may do the action; the one place privacy permissions are decided. */
export function canPrivacy(user: AuthUser | null, action: PrivacyAction): boolean {
  if (!user) return false;
  switch (action) {
    case 'privacy:download-own':
      return true;
    case 'privacy:erase-own':
      // Newsroom accounts are closed by an administrator: bylines and the audit log depend on them.
      return user.role === 'reader';
    case 'privacy-settings:read':
    case 'privacy-settings:update':
      return user.role === 'admin';
  }
}

const REFUSALS: Record<PrivacyAction, string> = {
  'privacy:download-own': 'not allowed',
  'privacy:erase-own': 'newsroom accounts are closed by an administrator',
  'privacy-settings:read': 'not allowed',
  'privacy-settings:update': 'not allowed',
};

/** Throws 401 for anonymous callers, 403 for those not allowed. */
export function assertPrivacy(user: AuthUser | null, action: PrivacyAction): asserts user is AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!canPrivacy(user, action)) throw new ForbiddenError(REFUSALS[action]);
}

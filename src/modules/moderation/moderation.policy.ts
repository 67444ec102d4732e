import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import type { AuthUser, Role } from '../accounts/account';

/**
 * Everything one can do about moderation and the discussion settings. (Named apart from
 * decision.service's ModerationAction, the decisions approve/reject/spam/restore.)
 */
export type ModerationPermission =
  | 'moderation:queue'
  | 'moderation:decide'
  | 'moderation:evaluate'
  | 'moderation:ban'
  | 'moderation:log'
  | 'moderation:read-edits'
  | 'moderation:skip'
  | 'settings:read'
  | 'settings:update';

/** Those who moderate comments (as MODERATOR_ROLES in decision.service.ts today). */
const MODERATORS: readonly Role[] = ['admin', 'editor', 'moderator'];
/** Those who manage the discussion settings. */
const MANAGERS: readonly Role[] = ['admin', 'editor'];
/** The newsroom: its comments skip the automatic phases (phases/rules.ts, `staff`). */
const STAFF: readonly Role[] = ['admin', 'editor', 'author', 'moderator'];

const RULES: Record<ModerationPermission, readonly Role[]> = {
  'moderation:queue': MODERATORS,
  'moderation:decide': MODERATORS,
  'moderation:evaluate': MODERATORS,
  'moderation:ban': MODERATORS,
  'moderation:log': MODERATORS,
  'moderation:read-edits': MODERATORS,
  'moderation:skip': STAFF,
  'settings:read': MANAGERS,
  'settings:update': MANAGERS,
};

const REFUSALS: Partial<Record<ModerationPermission, string>> = {
  'settings:read': 'only editors and admins manage discussion settings',
  'settings:update': 'only editors and admins manage discussion settings',
  'moderation:read-edits': 'only moderators, editors and admins see former texts',
};

/** Whether the user may do the action; the one place moderation permissions are decided. */
export function canModerate(user: AuthUser | null, action: ModerationPermission): boolean {
  return user !== null && RULES[action].includes(user.role);
}

/** Throws 401 for anonymous callers, 403 (with today's messages) for those not allowed. */
export function assertModeration(user: AuthUser | null, action: ModerationPermission): asserts user is AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!canModerate(user, action)) throw new ForbiddenError(REFUSALS[action] ?? 'only moderators, editors and admins moderate comments');
}

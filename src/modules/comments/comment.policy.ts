import { ForbiddenError, UnauthorizedError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { canModerate } from '../moderation/moderation.policy';

/** Everything one can do to comments besides moderating them (moderation.policy.ts). */
export type CommentAction = 'comment:edit' | 'comment:read-edits' | 'comment:post-unthrottled' | 'comment:pick';

/** The comment an action is about, and who asks: an account, or a guest known by the signed cookie of their own comments. */
export interface CommentSubject {
  commentId: number;
  /** The comment's account; null for a guest's comment. */
  authorUserId: number | null;
  /** Ids of the comments this browser posted as a guest. */
  ownIds: readonly number[];
}

/** Whether the user may do the action; the one place comment permissions are decided. */
export function canComment(user: AuthUser | null, action: CommentAction, subject?: CommentSubject): boolean {
  switch (action) {
    case 'comment:edit':
      // Only its author (the edit window is the service's rule, a 403 of its own).
      if (!subject) return false;
      return subject.authorUserId !== null ? user?.id === subject.authorUserId : subject.ownIds.includes(subject.commentId);
    case 'comment:read-edits':
      return canModerate(user, 'moderation:read-edits');
    case 'comment:pick':
      // The newsroom's picks: moderators and journalists (editors, authors, admins).
      return user !== null && (['admin', 'editor', 'author', 'moderator'] as const).some((r) => r === user.role);
    case 'comment:post-unthrottled':
      // The newsroom is not rate limited when it comments.
      return user !== null && user.role !== 'reader';
  }
}

const REFUSALS: Record<CommentAction, string> = {
  'comment:edit': 'only its author may edit a comment',
  'comment:read-edits': 'only moderators, editors and admins see former texts',
  'comment:post-unthrottled': 'not allowed',
  'comment:pick': 'only moderators and journalists pick comments',
};

/** Throws 403 (401 for anonymous callers where an account is needed) for those not allowed. */
export function assertComment(user: AuthUser | null, action: CommentAction, subject?: CommentSubject): void {
  if (canComment(user, action, subject)) return;
  // A guest may edit their own comment: for them a refusal is 403, not a request to sign in.
  if (!user && action !== 'comment:edit') throw new UnauthorizedError();
  throw new ForbiddenError(REFUSALS[action]);
}

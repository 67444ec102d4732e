import type { AuthUser } from '../accounts/account';
import { ForbiddenError, UnauthorizedError } from '../../web/errors';

/** Everything one can do to articles, sections and tags. */
export type ArticleAction =
  | 'article:create'
  | 'article:read-unpublished'
  | 'article:read-any'
  | 'article:update'
  | 'article:publish'
  | 'article:delete'
  | 'section:create'
  | 'section:update'
  | 'tag:update'
  | 'tag:merge'
  | 'revision:read'
  | 'revision:restore';

/** The article an action is about, when it matters (authors act on their own). */
export interface ArticleSubject {
  authorIds: number[];
  storedStatus: 'draft' | 'published';
}

/** Whether the user may do the action; the one place article permissions are decided. */
export function canArticle(user: AuthUser | null, action: ArticleAction, subject?: ArticleSubject): boolean {
  if (!user) return false;
  switch (user.role) {
    case 'admin':
    case 'editor':
      return true;
    case 'author':
      if (action === 'article:create') return true;
      if (action === 'article:read-unpublished' || action === 'revision:read')
        return subject === undefined ? action === 'article:read-unpublished' : subject.authorIds.includes(user.id);
      if (action === 'article:update' || action === 'article:delete' || action === 'revision:restore')
        return subject !== undefined && subject.authorIds.includes(user.id) && subject.storedStatus === 'draft';
      return false;
    default:
      return false;
  }
}

/**
 * Whether lists show this user only their own unpublished work among the others' published
 * articles (authors), rather than everything (editors, admins) or published articles only.
 */
export function seesOwnWorkOnly(user: AuthUser | null): user is AuthUser {
  return canArticle(user, 'article:read-unpublished') && !canArticle(user, 'article:read-any');
}

/** Throws 401 for anonymous callers, 403 for those not allowed. */
export function assertArticle(user: AuthUser | null, action: ArticleAction, subject?: ArticleSubject): asserts user is AuthUser {
  if (!user) throw new UnauthorizedError();
  if (!canArticle(user, action, subject)) throw new ForbiddenError(`your role (${user.role}) may not ${action.replace(':', ' ')}`);
}

import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { usersByIds } from '../accounts/user.service';
import { discussionChanged } from '../articles/article.service';
import type { CommentRow } from './comment.repository';
import { findCommentById } from './comment.repository';
import { assertComment } from './comment.policy';
import { deletePick, insertPick, listPickedOfArticle } from './comment.picks.repository';


/**
 * Marks a published comment as picked by the newsroom, or unmarks it. The article's
 * cached pages are dropped so that the "Sélection" order and the badge follow at once.
 */
export async function setPick(deps: Deps, user: AuthUser | null, commentId: number, picked: boolean): Promise<{ id: number; picked: boolean }> {
  assertComment(user, 'comment:pick');
  const who = user as AuthUser;
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== 'published') throw new NotFoundError('comment');
  if (picked) await insertPick(deps.db, c.id, who.id, deps.clock.now().toISOString());
  else await deletePick(deps.db, c.id);
  await discussionChanged(deps, c.article_id);
  return { id: c.id, picked };
}

/** The ids of an article's picked comments, newest pick first (feeds, exports). */
export async function pickedOfArticle(deps: Deps, articleId: number): Promise<number[]> {
  return (await listPickedOfArticle(deps.db, articleId)).map((p) => p.comment_id);
}

/** Adds the pick and staff marks to a discussion's rows (the badges, the "Sélection" order). */
export async function markPicksAndStaff(deps: Deps, articleId: number, rows: CommentRow[]): Promise<CommentRow[]> {
  const picked = new Set(await pickedOfArticle(deps, articleId));
  const userIds = [...new Set(rows.map((r) => r.user_id).filter((id): id is number => id !== null))];
  const staff = new Set((await usersByIds(deps, userIds)).filter((u) => u.role !== 'reader').map((u) => u.id));
  return rows.map((r) => ({ ...r, picked: picked.has(r.id), staff: r.user_id !== null && staff.has(r.user_id) }));
}

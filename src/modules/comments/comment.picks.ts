import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { usersByIds } from '../accounts/user.service';
import { discussionChanged } from '../articles/article.service';
import type { CommentRow } from './comment.repository';
import { findCommentById } from './comment.repository';
import { assertComment } from './comment.policy';
import { deletePick, insertPick, insertPicks, listFeedComments, listPickedOfArticle, listPicksOf } from './comment.picks.repository';
import type { PublicComment } from './comment';
import { presentComment } from './comment.presenter';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Marks a published comment as picked by the newsroom, or unmarks it. The article's
 * cached pages are dropped so that the "Sélection" order and the badge follow at once.
 */
export async function setPick(deps: Deps, user: AuthUser | null, commentId: number, picked: boolean): Promise<{ id: number; picked: boolean; articleId: number }> {
  assertComment(user, 'comment:pick');
  const who = user as AuthUser;
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== 'published') throw new NotFoundError('comment');
  if (picked) await insertPick(deps.db, c.id, who.id, deps.clock.now().toISOString());
  else await deletePick(deps.db, c.id);
  await discussionChanged(deps, c.article_id);
  return { id: c.id, picked, articleId: c.article_id };
}

/** The ids of an article's picked comments, newest pick first (feeds, exports). */
export async function pickedOfArticle(deps: Deps, articleId: number): Promise<number[]> {
  return (await listPickedOfArticle(deps.db, articleId)).map((p) => p.comment_id);
}

/** Comments with their pick (`picked`, `picked_at`), as the API and the live stream present them. */
export async function withPicks<R extends CommentRow>(deps: Pick<Deps, 'db'>, rows: R[]): Promise<(R & { picked: boolean; picked_at: string | null })[]> {
  const at = new Map((await listPicksOf(deps.db, rows.map((r) => r.id))).map((p) => [p.comment_id, p.picked_at]));
  return rows.map((r) => ({ ...r, picked: at.has(r.id), picked_at: at.get(r.id) ?? null }));
}

/** The API's shape of these comments, picks included. */
export async function presentWithPicks(deps: Pick<Deps, 'db'>, rows: CommentRow[]): Promise<PublicComment[]> {
  return (await withPicks(deps, rows)).map(presentComment);
}

/**
 * An article's comments for its feed: the latest `limit` published ones, or only the
 * picked ones (newest pick first) with `picksOnly`.
 */
export async function feedCommentsOf(deps: Pick<Deps, 'db'>, articleId: number, picksOnly: boolean, limit: number): Promise<PublicComment[]> {
  const rows = await listFeedComments(deps.db, articleId, picksOnly, limit);
  return rows.map((r) => presentComment({ ...r, picked: r.picked_at !== null }));
}

/** Picks brought back by an import (WXR comment meta) or a restore, on comments of this instance. */
export async function restorePicks(db: Kysely<Database>, picks: { commentId: number; pickedAt: string }[]): Promise<void> {
  await insertPicks(db, picks.map((p) => ({ comment_id: p.commentId, picked_by: null, picked_at: p.pickedAt })));
}

/**
 * Adds the pick and staff marks to a discussion's rows (the badges): the picks of these rows
 * alone, by id (the article's picks joined to its comments walked all of them: ~2 ms a page
 * at 27,000 comments).
 */
export async function markPicksAndStaff(deps: Deps, rows: CommentRow[]): Promise<CommentRow[]> {
  const userIds = [...new Set(rows.map((r) => r.user_id).filter((id): id is number => id !== null))];
  const [marked, users] = await Promise.all([withPicks(deps, rows), usersByIds(deps, userIds)]);
  const staff = new Set(users.filter((u) => u.role !== 'reader').map((u) => u.id));
  return marked.map((r) => ({ ...r, staff: r.user_id !== null && staff.has(r.user_id) }));
}

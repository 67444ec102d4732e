import type { Deps } from '../../deps';
import type { CommenterKey, CommentStatus } from './comment';
import {
  countAmong,
  countPublishedForReview,
  countPostedSince,
  countStatuses,
  existsApprovedComment,
  existsRepeat,
  findForReview,
  findLastCommentAt,
  findPostedTimes,
  listPostedSince,
  listAmong,
  listByStatus,
  listCommenterHistory,
  listPublishedForReview,
  listLatestOfArticle,
  type PostedRow,
  listLegitimate,
  type ReviewRow,
} from './comment.review.repository';

/**
 * The comments module's read model for moderation: the commenter's past (for the
 * pipeline) and comments as moderators see them (queue, history). Moderation reads
 * comments only through these.
 */
export type { PostedRow, ReviewRow };

/** When this commenter last commented (account, else address). */
export const lastCommentAt = (deps: Deps, who: CommenterKey) => findLastCommentAt(deps.db, who);
/** Whether this text (by hash) was already posted by this commenter or under this article. */
export const isRepeatComment = (deps: Deps, bodyHash: string, articleId: number, who: CommenterKey) => existsRepeat(deps.db, bodyHash, articleId, who);
/** Whether the account or email already has a published comment. */
export const hasApprovedComment = (deps: Deps, who: CommenterKey) => existsApprovedComment(deps.db, who);
/** The comments of one status, oldest first. */
export const reviewByStatus = (deps: Deps, status: CommentStatus, limit: number) => listByStatus(deps.db, status, limit);
/** Among these comments, those in one of the statuses, newest first. */
export const reviewAmong = (deps: Deps, ids: number[], statuses: CommentStatus[], limit: number) => listAmong(deps.db, ids, statuses, limit);
/** How many comments have each of these statuses. */
export const countByStatus = (deps: Deps, statuses: CommentStatus[]) => countStatuses(deps.db, statuses);
/** How many of these comments are in one of the statuses. */
export const countAmongStatuses = (deps: Deps, ids: number[], statuses: CommentStatus[]) => countAmong(deps.db, ids, statuses);
/** One comment as a moderator sees it. */
export const reviewComment = (deps: Deps, id: number) => findForReview(deps.db, id);
/** The commenter's other comments (same account, email or address), newest first. */
export const commenterHistory = (deps: Deps, c: Pick<ReviewRow, 'id' | 'user_id' | 'author_email' | 'ip_hash'>, limit: number) => listCommenterHistory(deps.db, c, limit);
/** Published comments the pipeline listed for review, riskiest first. */
export const reviewListed = (deps: Deps, limit: number) => listPublishedForReview(deps.db, limit);
/** How many published comments are listed for review. */
export const countReviewListed = (deps: Deps) => countPublishedForReview(deps.db);
/** The last comments of an article, newest first (id, status, reasons), those posted after `since` if given. */
export const latestOfArticle = (deps: Deps, articleId: number, limit: number, since: string | null = null) => listLatestOfArticle(deps.db, articleId, limit, since);
/** How many comments an article received since a time (any status). */
export const postedSince = (deps: Deps, articleId: number, since: string) => countPostedSince(deps.db, articleId, since);
/** Comments posted since a time, oldest first, with whether each was listed for review (for the moderation figures). */
export const postedSinceAll = (deps: Deps, since: string) => listPostedSince(deps.db, since);
/** When these comments were posted, by id. */
export const postedTimes = (deps: Deps, ids: number[]) => findPostedTimes(deps.db, ids);
/** Published comments approved by a moderator or published before `settledBefore` (newest first, at most `limit`). */
export const legitimateComments = (deps: Deps, settledBefore: string, limit: number) => listLegitimate(deps.db, settledBefore, limit);

import type { Deps } from '../../deps';
import { countReviewListed, reviewListed } from '../comments/comment.review';
import type { Verdict } from './pipeline';

/**
 * Publish-and-review (issue 11): a comment scored between a model's `review` and
 * `hold` thresholds is published with a `review` reason and listed in the queue's
 * "À relire" / "To review" tab until a moderator decides on it.
 */

/** Whether the pipeline published this comment and listed it for review. */
export function isListedForReview(v: Pick<Verdict, 'status' | 'reasons'>): boolean {
  return v.status === 'published' && v.reasons.some((r) => r.code === 'review');
}

/** The review list: published, not yet decided by a moderator, riskiest first. */
export const listForReview = (deps: Deps, limit: number) => reviewListed(deps, limit);

/** How many comments wait in the review list. */
export const countForReview = (deps: Deps) => countReviewListed(deps);

import type { Deps } from '../../deps';
import { commenterHistory, countAmongStatuses, countByStatus, reviewAmong, reviewByStatus, reviewComment, type ReviewRow } from '../comments/comment.review';
import { QUEUE_NAMES, type QueueName } from './moderation';
import { countOpenReportsOf, listReportedIds } from './moderation.repository';
import { countForReview, listForReview } from './review.service';

/** A comment as a moderator sees it (comments' read model) with its open reports (moderation's own table). */
export type ModeratedCommentRow = ReviewRow & { open_reports: number };

export { QUEUE_NAMES, type QueueName };

/** Reported comments still in the queue: those readers may still see, or hidden by the reports. */
const REPORTED_STATUSES = ['published', 'pending'] as const;

async function withReports(deps: Deps, rows: ReviewRow[]): Promise<ModeratedCommentRow[]> {
  const open = await countOpenReportsOf(deps.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, open_reports: open.get(r.id) ?? 0 }));
}

/** The comments of a queue, oldest first (pending, spam), most recent first (reported) or riskiest first (review). */
export async function listQueue(deps: Deps, queue: QueueName, limit: number): Promise<ModeratedCommentRow[]> {
  const rows =
    queue === 'reported'
      ? await reviewAmong(deps, await listReportedIds(deps.db), [...REPORTED_STATUSES], limit)
      : queue === 'review'
        ? await listForReview(deps, limit)
        : await reviewByStatus(deps, queue, limit);
  return withReports(deps, rows);
}

/** How many comments each queue holds. */
export async function countQueues(deps: Deps): Promise<Record<QueueName, number>> {
  const [byStatus, reported, review] = await Promise.all([
    countByStatus(deps, ['pending', 'spam']),
    listReportedIds(deps.db).then((ids) => countAmongStatuses(deps, ids, [...REPORTED_STATUSES])),
    countForReview(deps),
  ]);
  return { pending: byStatus.get('pending') ?? 0, spam: byStatus.get('spam') ?? 0, reported, review };
}

/** One comment with its moderation details. */
export async function findModeratedComment(deps: Deps, id: number): Promise<ModeratedCommentRow | undefined> {
  const c = await reviewComment(deps, id);
  return c ? (await withReports(deps, [c]))[0] : undefined;
}

/** The commenter's other comments (same account, email or address), newest first. */
export async function listCommenterHistory(deps: Deps, c: ModeratedCommentRow, limit: number): Promise<ModeratedCommentRow[]> {
  return withReports(deps, await commenterHistory(deps, c, limit));
}

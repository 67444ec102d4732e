import type { Deps } from '../../deps';
import { clearNotifyReplies, findReplyPair, markReplyNotified, type ReplyPairRow } from './comment.repository';

export type { ReplyPairRow as ReplyPair };

/** A reply and its parent (who wrote each, whether the parent's author asked for reply emails). */
export function findReplyPairOf(deps: Deps, replyId: number): Promise<ReplyPairRow | undefined> {
  return findReplyPair(deps.db, replyId);
}

/** Takes the one right to announce this published reply (true once, on whichever instance asks first). */
export function claimReplyNotice(deps: Deps, replyId: number): Promise<boolean> {
  return markReplyNotified(deps.db, replyId, deps.clock.now().toISOString());
}

/** The author no longer wants reply emails for this comment; its article id, or undefined when there is no such comment. */
export function stopReplyNotices(deps: Deps, commentId: number): Promise<number | undefined> {
  return clearNotifyReplies(deps.db, commentId);
}

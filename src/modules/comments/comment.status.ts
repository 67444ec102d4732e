import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { bumpArticleVersion } from '../articles/article.read-model';
import type { CommentStatus, Reason } from './comment';
import { findCommentById, updateCommentStatus } from './comment.repository';
import { presentWithPicks } from './comment.picks';

/** A new status for one comment, decided elsewhere (moderation: a moderator, or readers' reports). */
export interface StatusChange {
  comment: { id: number; article_id: number; status: CommentStatus };
  status: CommentStatus;
  reasons: Reason[];
  /** The instant written as updated_at (the caller's clock reading, shared with its own rows). */
  at: string;
  /** The caller's own rows (audit log, reports, lessons), written in the same transaction: all or nothing. */
  alongside?: (db: Kysely<Database>) => Promise<void>;
}

/**
 * Sets a comment's status and reasons and does everything that goes with it: the
 * article's version and cached pages when the comment enters or leaves the public
 * thread, the live announcement of a newly public comment, and `comment.changed`.
 */
export async function setCommentStatus(deps: Deps, change: StatusChange): Promise<void> {
  const c = change.comment;
  const next = change.status;
  const publicChange = (c.status === 'published') !== (next === 'published');
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    await updateCommentStatus(db, c.id, next, change.reasons, change.at);
    if (publicChange) await bumpArticleVersion({ db }, c.article_id);
    if (change.alongside) await change.alongside(db);
  });
  if (publicChange) await deps.cache.invalidate([`article:${c.article_id}`]);
  await deps.hooks.emit('comment.changed', { kind: 'status', commentId: c.id, articleId: c.article_id, status: next, previousStatus: c.status });
  if (next === 'published' && c.status !== 'published') await announceComment(deps, c.id);
}

/** Tells open pages of the article about a newly public comment, and drops its cached pages. */
export async function announceComment(deps: Deps, commentId: number): Promise<void> {
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== 'published') return;
  await deps.cache.invalidate([`article:${c.article_id}`]);
  await deps.pubsub.publish(`article:${c.article_id}`, JSON.stringify((await presentWithPicks(deps, [c]))[0]));
}

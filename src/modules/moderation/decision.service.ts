import type { Deps } from '../../deps';
import { NotFoundError, ValidationError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import type { CommentStatus, Reason } from '../comments/comment';
import { setCommentStatus } from '../comments/comment.status';
import { noteModeratorDecision } from './site-calibration.service';
import { featuresFor, type ModelName } from './classifier/models';
import { planLesson, recordLesson } from './learning.service';
import {
  countOpenReports,
  findStatusBeforeLastDecision,
  insertLog,
  insertReport,
  resolveReports,
} from './moderation.repository';
import { findModeratedComment } from './queue.service';
import { MODERATION_ACTIONS, type LogAction, type ModerationAction } from './moderation';
import { getDiscussionSettings } from './settings';

export { MODERATION_ACTIONS, type ModerationAction };

/**
 * Changes a comment's status through the comments module (setCommentStatus), with
 * moderation's own rows (open reports closed, the audit log, the models' lessons)
 * written in the same transaction.
 */
async function applyStatus(
  deps: Deps,
  c: { id: number; article_id: number; status: CommentStatus },
  next: CommentStatus,
  reasons: Reason[],
  log: { actorId: number | null; action: LogAction; reason: string | null },
  lessons: Lesson[] = [],
): Promise<void> {
  const now = deps.clock.now().toISOString();
  await setCommentStatus(deps, {
    comment: c,
    status: next,
    reasons,
    at: now,
    alongside: async (db) => {
      if (log.actorId !== null) await resolveReports(db, c.id, now);
      await insertLog(db, { comment_id: c.id, actor_id: log.actorId, action: log.action, reason: log.reason, previous_status: c.status, status: next, target: null, created_at: now });
      for (const l of lessons) await recordLesson(db, l.model, l.changes, now);
    },
  });
}

interface Lesson {
  model: ModelName;
  changes: Map<string, number>;
}

/**
 * What a decision teaches: spam teaches the spam model "unwanted", reject the
 * toxicity model (a moderator rejects what is abusive, not what sells), approve
 * both "wanted". Restore teaches nothing.
 */
async function lessonsOf(deps: Deps, action: ModerationAction, body: string): Promise<Lesson[]> {
  const plan: [ModelName, boolean][] = action === 'spam' ? [['spam', true]] : action === 'reject' ? [['toxicity', true]] : action === 'approve' ? [['spam', false], ['toxicity', false]] : [];
  const lessons: Lesson[] = [];
  for (const [model, unwanted] of plan) {
    const changes = await planLesson(deps, model, featuresFor(model, body), unwanted);
    if (changes) lessons.push({ model, changes });
  }
  return lessons;
}

function statusFor(action: ModerationAction, before: CommentStatus | undefined): CommentStatus {
  if (action === 'approve') return 'published';
  if (action === 'reject') return 'rejected';
  if (action === 'spam') return 'spam';
  return before === 'published' ? 'published' : 'pending';
}

/**
 * A moderator's decision on one comment: approve (published), reject, spam, or
 * restore (back to where it was before the last rejection, else to the queue).
 * Each decision but restore is a lesson for the models (`lessonsOf`); the
 * audit log records who, when, what and why.
 */
export async function decideComment(deps: Deps, actor: AuthUser, commentId: number, action: ModerationAction, reason: string | null = null): Promise<{ id: number; status: CommentStatus; previousStatus: CommentStatus }> {
  const c = await findModeratedComment(deps, commentId);
  if (!c) throw new NotFoundError('comment');
  if (c.status === 'deleted') throw new ValidationError('id', 'the comment was deleted by its author');
  const next = statusFor(action, action === 'restore' ? await findStatusBeforeLastDecision(deps.db, c.id) : undefined);
  const lessons = await lessonsOf(deps, action, c.body);
  const kept = c.reasons.filter((r) => r.code !== 'moderator');
  await applyStatus(deps, c, next, [...kept, { code: 'moderator', detail: action }], { actorId: actor.id, action, reason }, lessons);
  noteModeratorDecision(deps);
  return { id: c.id, status: next, previousStatus: c.status };
}

/** The same decision on many comments (bulk actions of the queue). */
export async function decideComments(deps: Deps, actor: AuthUser, ids: number[], action: ModerationAction, reason: string | null = null) {
  const done = [];
  for (const id of [...new Set(ids)]) done.push(await decideComment(deps, actor, id, action, reason));
  return done;
}

/**
 * A reader's report ("Signaler"). Once a published comment has `reportThreshold`
 * open reports, it is hidden (back to pending, reason `reported`) until a
 * moderator looks. One report per reader per comment.
 */
export async function reportComment(deps: Deps, commentId: number, reporter: string, reason: string | null): Promise<{ hidden: boolean }> {
  const c = await findModeratedComment(deps, commentId);
  if (!c || c.status !== 'published') throw new NotFoundError('comment');
  await insertReport(deps.db, { comment_id: c.id, reporter, reason, created_at: deps.clock.now().toISOString() });
  const settings = await getDiscussionSettings(deps);
  const open = await countOpenReports(deps.db, c.id);
  if (settings.reportThreshold === 0 || open < settings.reportThreshold) return { hidden: false };
  const reasons = [...c.reasons, { code: 'reported', detail: String(open) }];
  await applyStatus(deps, c, 'pending', reasons, { actorId: null, action: 'auto_hide', reason: `${open} reports` });
  return { hidden: true };
}

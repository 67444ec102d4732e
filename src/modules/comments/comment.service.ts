import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError, NotFoundError, ValidationError } from '../../web/errors';
import { t } from '../../web/i18n/i18n';
import { hashIp } from '../../web/security';
import type { AuthUser } from '../accounts/account';
import { isVisible } from '../articles/article';
import { getDiscussionRules } from '../articles/article.read-model';
import { articleContext, evaluate } from '../moderation/moderation.service';
import { bodyHash } from '../moderation/text';
import { getDiscussionSettings, type DiscussionSettings } from '../moderation/settings';
import type { CommentStatus, Reason } from './comment';
import { groupLookups } from './comment.lookups';
import { findCommentById } from './comment.repository';

export interface SubmitInput {
  articleId: number;
  body: string;
  parentId?: number | null | undefined;
  name?: string | undefined;
  email?: string | undefined;
  ip: string | null;
  user: AuthUser | null;
  form?: { honeypot?: string; token?: string };
  /** Email me replies to this comment: needs an email (the guest's, or the account's). */
  notifyReplies?: boolean | undefined;
  /** The claimed Idempotency-Key (idempotency.ts): its answer is written in the comment's transaction. */
  idempotencyKeyHash?: string;
}

export interface SubmitResult {
  id: number;
  status: CommentStatus;
  reasons: Reason[];
}

/** 403 when the site takes comments from accounts only. */
export class AccountsOnlyError extends AppError {
  constructor() {
    super('accounts_only', 403, 'sign in to comment on this site');
  }
}

const emailSchema = z.email();

/** The public name and email of the commenter, by the site's guest rules. */
function identity(input: SubmitInput, settings: DiscussionSettings): { name: string; email: string | null } {
  if (input.user) return { name: input.user.name, email: input.user.email };
  if (settings.guests === 'accounts-only') throw new AccountsOnlyError();
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  const email = (input.email ?? '').trim().toLowerCase();
  if (name.length > 100) throw new ValidationError('name', 'at most 100 characters');
  if (email && !emailSchema.safeParse(email).success) throw new ValidationError('email', 'not a valid email address');
  if (settings.guests === 'name-email') {
    if (!name) throw new ValidationError('name', 'required');
    if (!email) throw new ValidationError('email', 'required');
  }
  return { name: name || 'Anonyme', email: email || null };
}

/**
 * Takes a new comment through the moderation pipeline and stores it with its
 * status and reasons, in one transaction with the comments arriving alongside
 * (group commit, comment.batch.ts): answered once that transaction has committed.
 * A published one's article pages are dropped everywhere and it is announced to open pages.
 */
export async function submitComment(deps: Deps, input: SubmitInput): Promise<SubmitResult> {
  const article = await deps.comments.shared(`article:${input.articleId}`, () => getDiscussionRules(deps, input.articleId));
  const now = deps.clock.now();
  if (!article || !isVisible(article, now)) throw new NotFoundError('article');
  const settings = await deps.comments.shared('settings', () => getDiscussionSettings(deps));
  const person = identity(input, settings);
  if (input.notifyReplies && !person.email) throw new ValidationError('email', t(deps.config.locale, 'notifications.email_needed'));
  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = await findCommentById(deps.db, parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== 'published') throw new ValidationError('parentId', t(deps.config.locale, 'comments.error.parent'));
  }
  const ipHash = input.ip ? hashIp(deps.secret, input.ip) : null;
  const key = { userId: input.user?.id ?? null, email: person.email, ipHash };
  const verdict = await evaluate({
    body: input.body,
    name: person.name,
    email: person.email,
    ip: input.ip,
    ipHash,
    user: input.user,
    article: articleContext(article, now),
    parentId,
    settings,
    now,
    secret: deps.secret,
    lookups: groupLookups(deps, article.id, key),
    ...(input.form ? { form: input.form } : {}),
  });
  const createdAt = now.toISOString();
  // Written with the comments arriving alongside (comment.batch.ts), its HTML rendered with theirs: answered once committed.
  const id = await deps.comments.write(deps, {
    row: {
      article_id: article.id,
      parent_id: parentId,
      user_id: input.user?.id ?? null,
      author_name: person.name,
      author_email: input.user ? null : person.email,
      ip_hash: ipHash,
      body: verdict.body,
      status: verdict.status,
      reasons: verdict.reasons,
      scores: verdict.scores,
      created_at: createdAt,
      body_hash: bodyHash(verdict.body),
      notify_replies: input.notifyReplies ? 1 : 0,
    },
    ...(input.idempotencyKeyHash ? { key: { hash: input.idempotencyKeyHash, answer: (commentId: number) => JSON.stringify(answer(commentId, verdict)) } } : {}),
  });
  await deps.hooks.emit('comment.changed', { kind: 'posted', commentId: id, articleId: article.id, status: verdict.status, previousStatus: null, parentId });
  return answer(id, verdict);
}

/** What the commenter is told: a bot caught by a trap is answered as if its comment were waiting for review. */
function answer(id: number, verdict: { status: CommentStatus; reasons: Reason[]; metadata: Record<string, unknown> }): SubmitResult {
  if (verdict.metadata.disguise === 'pending') return { id, status: 'pending', reasons: [] };
  return { id, status: verdict.status, reasons: verdict.reasons };
}

import type { Reason } from '../comments/comment';
import { catalogue, type MessageKey } from '../../web/i18n/catalogue';
import type { Translate } from '../../web/i18n/i18n';
import type { ModeratedCommentRow } from './queue.service';

/** A reason in words for humans, in the page's language. */
export function reasonText(t: Translate, r: Reason): string {
  const key = `moderation.reason.${r.code}`;
  if (key in catalogue.fr) return t(key as MessageKey, { detail: r.detail ?? '' }).replace(' ()', '');
  return t('moderation.reason.unknown', { code: r.code });
}

/** A comment as moderators see it: who wrote it (email, never an address), why it is where it is, its scores. */
export function presentModeratedComment(r: ModeratedCommentRow, t: Translate) {
  return {
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.article_title,
    parentId: r.parent_id,
    author: { name: r.author_name, email: r.author_email, userId: r.user_id },
    body: r.body,
    html: r.html,
    createdAt: r.created_at,
    status: r.status,
    reasons: r.reasons.map((x) => ({ ...x, text: reasonText(t, x) })),
    scores: r.scores,
    reports: r.open_reports,
  };
}

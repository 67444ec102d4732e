import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { COMMENT_SORTS, type CommentSort } from './comment';
import type { CommentRow } from './comment.repository';

/**
 * The like button: a real button in a small form that works without JavaScript
 * (same-origin POST, back to the comment). `like` says what pressing it does, so a
 * form from a stale cached page never undoes a like by surprise. The page script
 * posts it with fetch and keeps the count and aria-pressed live.
 */
export function LikeButton({ c, t, liked, returnTo }: { c: Pick<CommentRow, 'id' | 'likes'>; t: Translate; liked: boolean; returnTo?: string | undefined }): VNode {
  return (
    <form method="post" action={`/comments/${c.id}/like`} class="like-form" data-comment-id={c.id}>
      <input type="hidden" name="like" value={liked ? '0' : '1'} />
      {returnTo ? <input type="hidden" name="return" value={returnTo} /> : null}
      <button type="submit" class="like-button" aria-pressed={liked ? 'true' : 'false'}>
        <span class="like-label">{t('comments.like')}</span> <span class="like-count">{c.likes}</span>
      </button>
    </form>
  );
}

/** "modifié" after the date of a comment its author edited. */
export function EditedMark({ editedAt, t, locale }: { editedAt: string | null | undefined; t: Translate; locale: Locale }): VNode | null {
  if (!editedAt) return null;
  return (
    <span class="comment-edited">
      {' · '}
      <time dateTime={editedAt} title={formatDate(locale, editedAt)}>
        {t('comments.edited')}
      </time>
    </span>
  );
}

/** Where a sort link leads: by default `?sort=…` on the same page (the embed keeps its own query). */
export type SortHref = (sort: CommentSort) => string;

const sameQuerySort: SortHref = (s) => (s === 'oldest' ? '?#comments' : `?sort=${s}#comments`);

/** Links to the three orders of the thread; the current one is marked for assistive technology. */
export function SortLinks({ sort, t, href = sameQuerySort }: { sort: CommentSort; t: Translate; href?: SortHref | undefined }): VNode {
  return (
    <nav class="comment-sort" aria-label={t('comments.sort_label')}>
      <ul>
        {COMMENT_SORTS.map((s) => (
          <li>
            <a href={href(s)} aria-current={s === sort ? 'page' : undefined}>
              {t(`comments.sort.${s}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { COMMENT_SORTS, type CommentSort } from './comment';
import type { CommentRow } from './comment.repository';

/**
 * The like button: a real button that works without JavaScript, posting the page's shared
 * form (`form`) to this comment's like address (same-origin POST, back to the comment). Its
 * value says what pressing it does (`like=1` likes, `like=0` takes it back), so a button from a
 * stale cached page never undoes a like by surprise. The page script posts it with fetch and
 * keeps the count (the button's text after its label) and aria-pressed live.
 */
export function LikeButton({ c, t, liked, form }: { c: Pick<CommentRow, 'id' | 'likes'>; t: Translate; liked: boolean; form: string }): VNode {
  return (
    <button form={form} formAction={`/comments/${c.id}/like`} name="like" value={liked ? '0' : '1'} class="like-button" aria-pressed={liked ? 'true' : 'false'}>
      {`${t('comments.like')} ${c.likes}`}
    </button>
  );
}

/** "modifié" after the date of a comment its author edited. */
export function EditedMark({ editedAt, t, locale }: { editedAt: string | null | undefined; t: Translate; locale: Locale }): VNode | null {
  if (!editedAt) return null;
  return (
    <time class="comment-edited" dateTime={editedAt} title={formatDate(locale, editedAt)}>
      {` · ${t('comments.edited')}`}
    </time>
  );
}

/** Where a sort link leads: by default `?sort=…` on the same page (the embed keeps its own query). */
export type SortHref = (sort: CommentSort) => string;

const sameQuerySort: SortHref = (s) => (s === 'oldest' ? '?#comments' : `?sort=${s}#comments`);

/** Links to the three orders of the thread; the current one is marked for assistive technology. */
export function SortLinks({ sort, t, href = sameQuerySort }: { sort: CommentSort; t: Translate; href?: SortHref | undefined }): VNode {
  return (
    <nav class="comment-sort" aria-label={t('comments.sort_label')}>
      {COMMENT_SORTS.map((s) => (
        <a href={href(s)} aria-current={s === sort ? 'page' : undefined}>
          {t(`comments.sort.${s}`)}
        </a>
      ))}
    </nav>
  );
}

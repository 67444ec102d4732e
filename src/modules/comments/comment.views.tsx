import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import type { DiscussionSettings } from '../moderation/settings';
import type { ThreadNode } from './comment.presenter';
import type { CommentSort } from './comment';
import { EditedMark, LikeButton, SortLinks, type SortHref } from './reaction.views';

type ReplyHref = (commentId: number) => string;
const defaultReplyHref: ReplyHref = (id) => `?replyTo=${id}#comment-form`;

function CommentItem({
  node,
  t,
  locale,
  open,
  replyHref = defaultReplyHref,
  liked,
  returnTo,
}: {
  node: ThreadNode;
  t: Translate;
  locale: Locale;
  open: boolean;
  replyHref?: ReplyHref | undefined;
  /** Comments this reader liked (fresh, personal renders only; the shared page has none). */
  liked?: ReadonlySet<number> | undefined;
  /** Where the no-JS like button comes back to (the embed); default the article page. */
  returnTo?: string | undefined;
}): VNode {
  const c = node.comment;
  return (
    <li class="comment" id={`comment-${c.id}`} data-id={c.id}>
      <article aria-labelledby={`comment-${c.id}-author`}>
        <header class="comment-meta">
          <span class="comment-author" id={`comment-${c.id}-author`}>
            {c.author_name}
          </span>{' '}
          <a class="comment-date" href={`#comment-${c.id}`}>
            <time dateTime={c.created_at}>{t('comments.said_at', { date: formatDate(locale, c.created_at) })}</time>
          </a>
          <EditedMark editedAt={c.edited_at} t={t} locale={locale} />
          {c.staff ? <span class="badge badge-staff">{t('comments.badge.staff')}</span> : null}
          {c.picked ? <span class="badge badge-pick">{t('comments.badge.pick')}</span> : null}
        </header>
        <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.html }} />
        {open ? (
          <p class="comment-actions">
            <a class="reply-link" href={replyHref(c.id)} data-reply-to={c.id} data-reply-name={c.author_name}>
              {t('comments.reply')}
            </a>
          </p>
        ) : null}
        <LikeButton c={c} t={t} liked={liked?.has(c.id) ?? false} returnTo={returnTo} />
        <form method="post" action={`/comments/${c.id}/report`} class="report-form" data-comment-id={c.id}>
          <button type="submit" class="report-button">
            {t('moderation.report')}
          </button>
        </form>
      </article>
      {node.children.length > 0 ? (
        <ol class="comment-replies">
          {node.children.map((child) => (
            <CommentItem node={child} t={t} locale={locale} open={open} replyHref={replyHref} liked={liked} returnTo={returnTo} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

export interface FormState {
  message?: { kind: 'ok' | 'error'; text: string };
  values?: { name?: string; email?: string; body?: string; notifyReplies?: boolean };
  replyTo?: { id: number; name: string };
}

export interface DiscussionProps {
  articleId: number;
  threads: ThreadNode[];
  count: number;
  open: boolean;
  settings: DiscussionSettings;
  t: Translate;
  locale: Locale;
  form: FormState;
  /** Signed time-to-submit token for the bot trap. */
  formToken?: string;
  /** The no-JS "Répondre" link of a comment (default: `?replyTo=ID#comment-form` on the same page). */
  replyHref?: ReplyHref;
  /** The order of the threads; given, the sort links (`?sort=…` on this page) are shown. */
  sort?: CommentSort;
  /** The sort links' addresses (default: `?sort=…` on this page). */
  sortHref?: SortHref;
  /** Comments this reader liked: only for a personal render (after the no-JS like button). */
  liked?: ReadonlySet<number>;
  /** Sent back as the form's `return` field: where the no-JS post comes back to (the embed). */
  returnTo?: string;
}

/** The discussion under an article: the threads, then the form or the closed notice. */
export function Discussion(p: DiscussionProps): VNode {
  const { t } = p;
  const countText = p.count === 0 ? t('comments.count_zero') : p.count === 1 ? t('comments.count_one') : t('comments.count_many', { count: p.count });
  return (
    <section class="discussion" aria-labelledby="discussion-title" data-article-id={p.articleId} data-open={p.open ? '1' : '0'}>
      <h2 id="discussion-title">{t('comments.title')}</h2>
      <p class="comment-count" aria-live="polite">
        {countText}
      </p>
      <p class="notice notice-ok report-done" role="status" hidden>
        {t('moderation.report.done')}
      </p>
      {p.sort !== undefined && p.count > 1 ? <SortLinks sort={p.sort} t={t} href={p.sortHref} /> : null}
      <ol
        class="comments"
        id="comments"
        data-pending-label={t('moderation.mine.pending')}
        data-edit-label={t('comments.edit')}
        data-edit-body-label={t('comments.edit_body')}
        data-save-label={t('comments.edit_save')}
        data-cancel-label={t('comments.edit_cancel')}
        data-edited-label={t('comments.edited')}
        data-edit-held={t('comments.edit_held')}
        data-edit-failed={t('comments.edit_failed')}
      >
        {p.threads.map((n) => (
          <CommentItem node={n} t={t} locale={p.locale} open={p.open} replyHref={p.replyHref} liked={p.liked} returnTo={p.returnTo} />
        ))}
      </ol>
      {p.open ? <CommentForm {...p} /> : <p class="comments-closed">{t('comments.closed')}</p>}
    </section>
  );
}

function CommentForm(p: DiscussionProps): VNode {
  const { t, form } = p;
  const guestsAllowed = p.settings.guests !== 'accounts-only';
  const required = p.settings.guests === 'name-email';
  return (
    <section class="comment-form-section" aria-labelledby="comment-form-title">
      <h3 id="comment-form-title">{form.replyTo ? t('comments.reply_to', { name: form.replyTo.name }) : t('comments.form_title')}</h3>
      {form.message ? (
        <p class={`notice notice-${form.message.kind}`} role={form.message.kind === 'error' ? 'alert' : 'status'}>
          {form.message.text}
        </p>
      ) : null}
      {guestsAllowed ? (
        <form id="comment-form" class="comment-form" method="post" action={`/articles/${p.articleId}/comments`}>
          <input type="hidden" name="parentId" value={form.replyTo ? String(form.replyTo.id) : ''} />
          {p.formToken ? <input type="hidden" name="token" value={p.formToken} /> : null}
          {/* A resent form (reload, double click, flaky network) writes one comment: see comments/idempotency.ts. */}
          <input type="hidden" name="idempotencyKey" value={crypto.randomUUID()} />
          {p.returnTo ? <input type="hidden" name="return" value={p.returnTo} /> : null}
          <div class="field">
            <label for="comment-name">
              {t('comments.name')}
              {required ? <span class="req"> ({t('comments.required')})</span> : null}
            </label>
            <input id="comment-name" name="name" autocomplete="name" maxLength={100} required={required} value={form.values?.name ?? ''} />
          </div>
          <div class="field">
            <label for="comment-email">
              {t('comments.email')}
              {required ? <span class="req"> ({t('comments.required')})</span> : null}
            </label>
            <input id="comment-email" name="email" type="email" autocomplete="email" maxLength={320} required={required} value={form.values?.email ?? ''} />
          </div>
          <div class="field hp" aria-hidden="true">
            <label for="comment-website">{t('comments.honeypot')}</label>
            <input id="comment-website" name="website" tabIndex={-1} autocomplete="off" />
          </div>
          <div class="field">
            <label for="comment-body">{t('comments.body')}</label>
            <textarea id="comment-body" name="body" rows={6} required maxLength={5000}>
              {form.values?.body ?? ''}
            </textarea>
          </div>
          <div class="field field-check">
            <input id="comment-notify" name="notifyReplies" type="checkbox" value="1" checked={form.values?.notifyReplies === true} />
            <label for="comment-notify">{t('notifications.opt_in')}</label>
          </div>
          <button type="submit">{t('comments.submit')}</button>
        </form>
      ) : (
        <p>
          <a href="/login">{t('comments.accounts_only')}</a>
        </p>
      )}
    </section>
  );
}

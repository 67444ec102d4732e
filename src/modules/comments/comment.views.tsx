import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import type { DiscussionSettings } from '../moderation/settings';
import type { ThreadNode } from './comment.presenter';
import type { CommentSort } from './comment';
import { EditedMark, LikeButton, SortLinks, type SortHref } from './reaction.views';

type ReplyHref = (commentId: number) => string;
const defaultReplyHref: ReplyHref = (id) => `?replyTo=${id}#comment-form`;

/** Where a page of the discussion is (the previous/next links). */
export type PageHref = (sort: CommentSort, page: number) => string;

/** The query of a page of the discussion, default values left out: '' for page 1 of the default order, else `?sort=…&page=…`. */
export function discussionQuery(sort: CommentSort, page: number): string {
  const query = [sort !== 'oldest' ? `sort=${sort}` : '', page > 1 ? `page=${page}` : ''].filter(Boolean).join('&');
  return query ? `?${query}` : '';
}

/** `?sort=…&page=…` on the same page (page 1 of the default order is the page itself, `?`). */
const sameQueryPage: PageHref = (sort, page) => `${discussionQuery(sort, page) || '?'}#comments`;

/** The id of the one form every comment's no-JS like and report buttons belong to (their `form` attribute). */
export const ACTIONS_FORM = 'comment-actions';

/** A single paragraph (what most comments are) is the body itself; anything else goes in a block. */
const SINGLE_PARAGRAPH = /^<p>((?:(?!<\/?p[\s>]).)*)<\/p>\s*$/s;

/** The comment's text; its HTML was sanitized on the server (sanitize-html) when it was stored. */
function CommentBody({ html }: { html: string }): VNode {
  const single = SINGLE_PARAGRAPH.exec(html);
  return single ? <p class="comment-body" dangerouslySetInnerHTML={{ __html: single[1] ?? '' }} /> : <div class="comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * One comment, in as few elements as it can be (a 200-comment page stays under 1,500): the
 * author's name, which is the comment's own link; the marks and the date as text; the text; then
 * the reply link and the like and report buttons, which submit the page's one shared form
 * (ACTIONS_FORM) without JavaScript.
 */
function CommentItem({
  node,
  t,
  locale,
  open,
  replyHref = defaultReplyHref,
  liked,
}: {
  node: ThreadNode;
  t: Translate;
  locale: Locale;
  open: boolean;
  replyHref?: ReplyHref | undefined;
  /** Comments this reader liked (fresh, personal renders only; the shared page has none). */
  liked?: ReadonlySet<number> | undefined;
}): VNode {
  const c = node.comment;
  const marks = `${c.staff ? ' badge-staff' : ''}${c.picked ? ' badge-pick' : ''}`;
  return (
    <li class={`comment${marks}`} id={`comment-${c.id}`} data-id={c.id}>
      <a class="comment-author" href={`#comment-${c.id}`}>
        {c.author_name}
      </a>
      {c.staff ? ` · ${t('comments.badge.staff')}` : null}
      {c.picked ? ` · ${t('comments.badge.pick')}` : null}
      {` · ${t('comments.said_at', { date: formatDate(locale, c.created_at) })}`}
      <EditedMark editedAt={c.edited_at} t={t} locale={locale} />
      <CommentBody html={c.html} />
      {open ? (
        <a class="reply-link" href={replyHref(c.id)} data-reply-to={c.id}>
          {t('comments.reply')}
        </a>
      ) : null}{' '}
      <LikeButton c={c} t={t} liked={liked?.has(c.id) ?? false} form={ACTIONS_FORM} />{' '}
      <button form={ACTIONS_FORM} formAction={`/comments/${c.id}/report`} class="report-button">
        {t('moderation.report')}
      </button>
      {node.children.length > 0 ? (
        <ol class="comment-replies">
          {node.children.map((child) => (
            <CommentItem node={child} t={t} locale={locale} open={open} replyHref={replyHref} liked={liked} />
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
  /** The threads of this page. */
  threads: ThreadNode[];
  /** This page's number and how many there are (`pageSize` threads each). */
  page: number;
  pages: number;
  /** The newest published comment's id: the live stream starts after it (the comments of other pages are not replayed). */
  lastId: number;
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
  /** The page links' addresses (default: `?sort=…&page=…` on this page). */
  pageHref?: PageHref;
  /** Comments this reader liked: only for a personal render (after the no-JS like button). */
  liked?: ReadonlySet<number>;
  /** Sent back as the form's `return` field: where the no-JS post comes back to (the embed). */
  returnTo?: string;
  /** Back from the no-JS report button (a personal render): the thank-you shows. */
  reported?: boolean;
}

/** The discussion under an article: the threads, then the form or the closed notice. */
export function Discussion(p: DiscussionProps): VNode {
  const { t } = p;
  const countText = p.count === 0 ? t('comments.count_zero') : p.count === 1 ? t('comments.count_one') : t('comments.count_many', { count: p.count });
  return (
    <section class="discussion" aria-labelledby="discussion-title" data-article-id={p.articleId} data-open={p.open ? '1' : '0'} data-last-id={p.lastId}>
      <h2 id="discussion-title">{t('comments.title')}</h2>
      <p class="comment-count" aria-live="polite">
        {countText}
      </p>
      <p class="notice notice-ok report-done" role="status" hidden={p.reported !== true}>
        {t('moderation.report.done')}
      </p>
      {p.sort !== undefined && p.count > 1 ? <SortLinks sort={p.sort} t={t} href={p.sortHref} /> : null}
      {/* The like and report buttons of every comment post this one form (their formaction names the comment). */}
      <form id={ACTIONS_FORM} method="post">
        {p.returnTo ? <input type="hidden" name="return" value={p.returnTo} /> : null}
      </form>
      <ol
        class="comments"
        id="comments"
        data-sort={p.sort ?? 'oldest'}
        data-first-page={p.page === 1 ? '1' : '0'}
        data-last-page={p.page === p.pages ? '1' : '0'}
        data-pending-label={t('moderation.mine.pending')}
        data-like-label={t('comments.like')}
        data-edit-label={t('comments.edit')}
        data-edit-body-label={t('comments.edit_body')}
        data-save-label={t('comments.edit_save')}
        data-cancel-label={t('comments.edit_cancel')}
        data-edited-label={t('comments.edited')}
        data-edit-held={t('comments.edit_held')}
        data-edit-failed={t('comments.edit_failed')}
      >
        {p.threads.map((n) => (
          <CommentItem node={n} t={t} locale={p.locale} open={p.open} replyHref={p.replyHref} liked={p.liked} />
        ))}
      </ol>
      <PageLinks {...p} />
      {p.open ? <CommentForm {...p} /> : <p class="comments-closed">{t('comments.closed')}</p>}
    </section>
  );
}

/** Below the list: "Commentaires précédents / suivants" (the page script makes the next one a "more" button). */
function PageLinks({ page, pages, sort = 'oldest', pageHref = sameQueryPage, t }: DiscussionProps): VNode | null {
  if (pages <= 1) return null;
  return (
    <nav class="comment-pages" aria-label={t('comments.pages_label')}>
      {page > 1 ? (
        <a rel="prev" href={pageHref(sort, page - 1)}>
          {t('comments.prev_page')}
        </a>
      ) : null}{' '}
      <span class="comment-page">{t('comments.page_of', { page, pages })}</span>{' '}
      {page < pages ? (
        <a rel="next" href={pageHref(sort, page + 1)}>
          {t('comments.next_page')}
        </a>
      ) : null}
    </nav>
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
          {/* Each field inside its label: no wrapper element per field. */}
          <label class="field" for="comment-name">
            {t('comments.name')}
            {required ? ` (${t('comments.required')})` : null}
            <input id="comment-name" name="name" autocomplete="name" maxLength={100} required={required} value={form.values?.name ?? ''} />
          </label>
          <label class="field" for="comment-email">
            {t('comments.email')}
            {required ? ` (${t('comments.required')})` : null}
            <input id="comment-email" name="email" type="email" autocomplete="email" maxLength={320} required={required} value={form.values?.email ?? ''} />
          </label>
          <label class="field hp" for="comment-website" aria-hidden="true">
            {t('comments.honeypot')}
            <input id="comment-website" name="website" tabIndex={-1} autocomplete="off" />
          </label>
          <label class="field" for="comment-body">
            {t('comments.body')}
            <textarea id="comment-body" name="body" rows={6} required maxLength={5000}>
              {form.values?.body ?? ''}
            </textarea>
          </label>
          <label class="field field-check" for="comment-notify">
            <input id="comment-notify" name="notifyReplies" type="checkbox" value="1" checked={form.values?.notifyReplies === true} />
            {t('notifications.opt_in')}
          </label>
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

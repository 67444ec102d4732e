// Comment form and reader state on the (cached, shared) article page:
// - a fresh signed time-to-submit token and idempotency key replace the page's shared ones;
// - the reader's own held comments are shown to them alone, marked as pending;
// - "Signaler" sends the report without leaving the page.
// Without this script the page still works: the printed token is accepted and
// reports go through the form.

import { commentNode, type BrowserComment } from './lib/comment-node';

type OwnComment = BrowserComment;

async function json<T>(url: string, init?: RequestInit): Promise<T | undefined> {
  try {
    const res = await fetch(url, { credentials: 'same-origin', ...init });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The cached page's idempotency key is shared by its readers: this page load gets its own. */
function freshIdempotencyKey(section: HTMLElement): void {
  const input = section.querySelector<HTMLInputElement>('#comment-form input[name=idempotencyKey]');
  if (input && typeof crypto.randomUUID === 'function') input.value = crypto.randomUUID();
}

async function freshToken(section: HTMLElement, articleId: string): Promise<void> {
  const input = section.querySelector<HTMLInputElement>('#comment-form input[name=token]');
  if (!input) return;
  const r = await json<{ token: string }>(`/api/v1/articles/${articleId}/comments/token`);
  if (r) input.value = r.token;
}

function pendingNode(c: OwnComment, label: string): HTMLLIElement {
  const badge = document.createElement('span');
  badge.className = 'comment-pending-badge';
  badge.textContent = ` — ${label}`;
  return commentNode(c, 'comment-pending', badge);
}

async function ownPending(section: HTMLElement, articleId: string): Promise<void> {
  const list = section.querySelector<HTMLOListElement>('#comments');
  if (!list) return;
  const r = await json<{ comments: OwnComment[] }>(`/api/v1/articles/${articleId}/comments/mine`);
  for (const c of r?.comments ?? []) {
    if (document.getElementById(`comment-${c.id}`)) continue;
    const parent = c.parentId !== null ? document.getElementById(`comment-${c.parentId}`) : null;
    const host = parent?.querySelector<HTMLOListElement>(':scope > ol.comment-replies') ?? list;
    host.append(pendingNode(c, list.dataset.pendingLabel ?? ''));
  }
}

function reports(section: HTMLElement): void {
  const done = section.querySelector<HTMLElement>('.report-done');
  section.addEventListener('submit', (e) => {
    const form = (e.target as HTMLElement).closest<HTMLFormElement>('form.report-form');
    const id = form?.dataset.commentId;
    if (!form || !id) return;
    e.preventDefault();
    void json(`/api/v1/comments/${id}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(() => {
      form.querySelector('button')?.setAttribute('disabled', '');
      if (done) done.hidden = false;
    });
  });
  if (done && new URLSearchParams(location.search).has('reported')) done.hidden = false;
}

const discussion = document.querySelector<HTMLElement>('section.discussion');
const articleId = discussion?.dataset.articleId;
if (discussion && articleId) {
  freshIdempotencyKey(discussion);
  void freshToken(discussion, articleId);
  void ownPending(discussion, articleId);
  reports(discussion);
}

// Article page enhancements: live arrival of new comments (SSE) and in-place replies.
// The page works without this script; it only adds.

import { commentNode, type BrowserComment } from './lib/comment-node';
import { markEdited, showLike } from './lib/comment-live';

function liveNode(c: BrowserComment, lang: string): HTMLLIElement {
  const time = document.createElement('time');
  time.dateTime = c.createdAt;
  time.textContent = ' ' + new Date(c.createdAt).toLocaleString(lang);
  return commentNode(c, 'comment-new', time);
}

function live(section: HTMLElement): void {
  const id = section.dataset.articleId;
  if (!id || !('EventSource' in window)) return;
  const list = section.querySelector<HTMLOListElement>('#comments');
  if (!list) return;
  const lang = document.documentElement.lang || 'fr';
  // The newest comment the (possibly cached) page shows: the server replays any published since.
  // On reconnection EventSource sends Last-Event-ID itself, which the server prefers.
  const shown = Array.from(list.querySelectorAll<HTMLElement>('li[id^="comment-"]:not(.comment-pending)'), (li) => Number(li.id.slice('comment-'.length))).filter(Number.isInteger);
  const after = shown.length ? `?lastEventId=${Math.max(...shown)}` : '';
  const source = new EventSource(`/api/v1/articles/${id}/comments/events${after}`);
  source.addEventListener('comment', (e) => {
    const c = JSON.parse((e as MessageEvent<string>).data) as BrowserComment;
    if (document.getElementById(`comment-${c.id}`)) return;
    const parent = c.parentId !== null ? document.getElementById(`comment-${c.parentId}`) : null;
    let target: HTMLOListElement = list;
    if (parent) {
      let replies = parent.querySelector<HTMLOListElement>(':scope > ol.comment-replies');
      if (!replies) {
        replies = document.createElement('ol');
        replies.className = 'comment-replies';
        parent.append(replies);
      }
      target = replies;
    }
    target.append(liveNode(c, lang));
  });
  // A comment's new text after its author's edit (comments/reaction.service).
  source.addEventListener('comment-edited', (e) => {
    const c = JSON.parse((e as MessageEvent<string>).data) as BrowserComment & { editedAt: string };
    const li = document.getElementById(`comment-${c.id}`);
    const body = li?.querySelector<HTMLElement>(':scope > article > .comment-body');
    if (!li || !body || li.querySelector('form.comment-edit-form')) return;
    body.innerHTML = c.html; // sanitized by the server (sanitize-html), as every comment's HTML
    markEdited(li, c.editedAt, list.dataset.editedLabel ?? '');
  });
  // Like counts, at most one message a second per article.
  source.addEventListener('likes', (e) => {
    const { likes } = JSON.parse((e as MessageEvent<string>).data) as { likes: Record<string, number> };
    for (const [id, n] of Object.entries(likes)) showLike(Number(id), n, undefined);
  });
}

function replies(section: HTMLElement): void {
  const form = section.querySelector<HTMLFormElement>('#comment-form');
  if (!form) return;
  section.addEventListener('click', (e) => {
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a.reply-link');
    if (!link) return;
    e.preventDefault();
    const parentInput = form.querySelector<HTMLInputElement>('input[name=parentId]');
    if (parentInput) parentInput.value = link.dataset.replyTo ?? '';
    link.closest('li')?.append(form);
    form.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  });
}

const section = document.querySelector<HTMLElement>('section.discussion');
if (section) {
  live(section);
  replies(section);
}

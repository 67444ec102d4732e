// Live arrival of new comments, edits and like counts (the article's event stream, SSE).

import { commentNode, placeComment, replaceBody, type BrowserComment } from './comment-node';
import { markEdited, showLike } from './comment-live';

function liveNode(c: BrowserComment, lang: string): HTMLLIElement {
  const time = document.createElement('time');
  time.className = 'comment-date';
  time.dateTime = c.createdAt;
  time.textContent = new Date(c.createdAt).toLocaleString(lang);
  return commentNode(c, 'comment-new', time);
}

/**
 * Opens the stream from the newest comment of the discussion when the (possibly cached) page was
 * made (`data-last-id`; the comments of the other pages are not sent again): the server replays
 * any published since. Each goes where the order puts it, if that is on the pages shown.
 */
export function live(section: HTMLElement): void {
  const id = section.dataset.articleId;
  if (!id || !('EventSource' in window)) return;
  const list = section.querySelector<HTMLOListElement>('#comments');
  if (!list) return;
  const lang = document.documentElement.lang || 'fr';
  // On reconnection EventSource sends Last-Event-ID itself, which the server prefers.
  const newest = Number(section.dataset.lastId) || 0;
  const after = newest > 0 ? `?lastEventId=${newest}` : '';
  const source = new EventSource(`/api/v1/articles/${id}/comments/events${after}`);
  source.addEventListener('comment', (e) => {
    const c = JSON.parse((e as MessageEvent<string>).data) as BrowserComment;
    if (document.getElementById(`comment-${c.id}`)) return;
    placeComment(list, c.parentId, liveNode(c, lang));
  });
  // A comment's new text after its author's edit (comments/reaction.service).
  source.addEventListener('comment-edited', (e) => {
    const c = JSON.parse((e as MessageEvent<string>).data) as BrowserComment & { editedAt: string };
    const li = document.getElementById(`comment-${c.id}`);
    const body = li?.querySelector(':scope > .comment-body');
    if (!li || !body || li.querySelector('form.comment-edit-form')) return;
    replaceBody(body, c.html);
    markEdited(li, c.editedAt, list.dataset.editedLabel ?? '');
  });
  // Like counts, at most one message a second per article.
  source.addEventListener('likes', (e) => {
    const { likes } = JSON.parse((e as MessageEvent<string>).data) as { likes: Record<string, number> };
    for (const [id, n] of Object.entries(likes)) showLike(Number(id), n, undefined);
  });
}

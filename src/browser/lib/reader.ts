// The reader's own state on the (cached, shared) article page, from ONE never-cached call
// (GET /api/v1/articles/:id/comments/reader):
// - a fresh signed time-to-submit token replaces the page's shared one;
// - the reader's own held comments are shown to them alone, marked as pending;
// - their likes (aria-pressed) and the live counts;
// - "Modifier" on their own comments still inside the edit window.
// Without this script the page still works: the printed token is accepted, nothing is pressed.

import { commentNode, placeComment, type BrowserComment } from './comment-node';
import { setLike } from './comment-live';
import { inSlices } from './idle';
import { editControls, type Editable } from './comment-edit';

interface ReaderAnswer {
  token: string;
  /** Absent when the reader has no held comment cookie (older servers answered without it). */
  pending?: BrowserComment[];
  liked: number[];
  likes: Record<string, number>;
  editable: Editable[];
}

function pendingNode(c: BrowserComment, label: string): HTMLLIElement {
  const badge = document.createElement('span');
  badge.className = 'comment-pending-badge';
  badge.textContent = label;
  return commentNode(c, 'comment-pending', badge);
}

function showPending(list: HTMLOListElement, comments: BrowserComment[]): void {
  for (const c of comments) {
    if (document.getElementById(`comment-${c.id}`)) continue;
    placeComment(list, c.parentId, pendingNode(c, list.dataset.pendingLabel ?? ''));
  }
}

/** The reader call's answer, kept for the threads a next page brings (morePages). */
let known: ReaderAnswer | undefined;

export async function readerState(section: HTMLElement, articleId: string): Promise<void> {
  try {
    const res = await fetch(`/api/v1/articles/${articleId}/comments/reader`, { credentials: 'same-origin' });
    if (!res.ok) return;
    known = (await res.json()) as ReaderAnswer;
  } catch {
    return;
  }
  const token = section.querySelector<HTMLInputElement>('#comment-form input[name=token]');
  if (token && known.token) token.value = known.token;
  const list = section.querySelector<HTMLOListElement>('#comments');
  if (list) await showReaderState(list);
}

/** The reader's held comments, edit controls and likes on the threads shown (again after a next page came). */
export async function showReaderState(list: HTMLOListElement): Promise<void> {
  const state = known;
  if (!state) return;
  showPending(list, state.pending ?? []);
  editControls(list, state.editable);
  // Every like button gets its count and pressed state, a slice at a time (200 buttons on a phone
  // are one long task otherwise); a button whose like is being sent is left to its answer.
  const liked = new Set(state.liked);
  const label = list.dataset.likeLabel ?? '';
  await inSlices(list.querySelectorAll<HTMLButtonElement>('li.comment > .like-button'), (button) => {
    const id = Number(button.parentElement?.dataset.id);
    if (id && !button.disabled) setLike(button, state.likes[String(id)] ?? 0, liked.has(id), label);
  });
}

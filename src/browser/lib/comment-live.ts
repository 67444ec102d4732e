// Updates of a comment already on the page: its like button and its "edited" mark
// (from the reader's own actions, and from the live stream).

/** The label the like button's count follows ("J’aime"), from the page (fr/en). */
function likeLabel(): string {
  return document.getElementById('comments')?.dataset.likeLabel ?? '';
}

/** Sets a comment's like button to a count and a pressed state (and what the no-JS button would do next). */
export function showLike(id: number, likes: number | undefined, liked: boolean | undefined): void {
  const button = document.querySelector<HTMLButtonElement>(`#comment-${id} > .like-button`);
  if (button) setLike(button, likes, liked, likeLabel());
}

/** The same on a button in hand (the reader call walks all of them once); `label` is the page's "J’aime". */
export function setLike(button: HTMLButtonElement, likes: number | undefined, liked: boolean | undefined, label: string): void {
  // Only what changed is written: on a 200-comment page most buttons already show the right thing.
  const text = likes !== undefined ? `${label} ${likes}` : undefined;
  if (text !== undefined && button.textContent !== text) button.textContent = text;
  if (liked === undefined) return;
  const pressed = liked ? 'true' : 'false';
  if (button.getAttribute('aria-pressed') !== pressed) button.setAttribute('aria-pressed', pressed);
  if (button.value !== (liked ? '0' : '1')) button.value = liked ? '0' : '1';
}

/** Adds (or updates) the "modifié" mark after the comment's date. */
export function markEdited(li: HTMLElement, editedAt: string, label: string): void {
  let mark = li.querySelector<HTMLTimeElement>(':scope > .comment-edited');
  if (!mark) {
    mark = document.createElement('time');
    mark.className = 'comment-edited';
    li.querySelector(':scope > .comment-body')?.before(mark);
  }
  mark.dateTime = editedAt;
  mark.textContent = ` · ${label}`;
}

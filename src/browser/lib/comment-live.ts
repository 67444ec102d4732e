// Updates of a comment already on the page: its like button and its "edited" mark
// (from the reader's own actions, and from the live stream).

/** Sets a comment's like button to a count and a pressed state (and what the no-JS form would do next). */
export function showLike(id: number, likes: number | undefined, liked: boolean | undefined): void {
  const form = document.querySelector<HTMLFormElement>(`#comment-${id} > article form.like-form`);
  if (!form) return;
  const count = form.querySelector('.like-count');
  if (count && likes !== undefined) count.textContent = String(likes);
  if (liked === undefined) return;
  form.querySelector('button')?.setAttribute('aria-pressed', liked ? 'true' : 'false');
  const next = form.querySelector<HTMLInputElement>('input[name=like]');
  if (next) next.value = liked ? '0' : '1';
}

/** Adds (or updates) the "modifié" mark after the comment's date. */
export function markEdited(li: HTMLElement, editedAt: string, label: string): void {
  const meta = li.querySelector(':scope > article > .comment-meta');
  if (!meta) return;
  let mark = meta.querySelector<HTMLElement>('.comment-edited');
  if (!mark) {
    mark = document.createElement('span');
    mark.className = 'comment-edited';
    meta.append(mark);
  }
  const time = document.createElement('time');
  time.dateTime = editedAt;
  time.textContent = label;
  mark.replaceChildren(' · ', time);
}

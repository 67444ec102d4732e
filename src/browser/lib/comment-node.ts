// Builds a comment's list item in the browser, the same markup the server renders
// (comments/comment.views.tsx), and replaces a comment's text.

/** What the browser needs of a comment (the public API's fields). */
export interface BrowserComment {
  id: number;
  parentId: number | null;
  author: { name: string };
  html: string;
  createdAt: string;
}

/** Puts new text (HTML sanitized on the server, sanitize-html, as every comment's) in place of a comment's body. */
export function replaceBody(old: Element, html: string): HTMLElement {
  const body = document.createElement('div');
  body.className = 'comment-body';
  body.innerHTML = html;
  old.replaceWith(body);
  return body;
}

/**
 * A `<li class="comment">` for the comment, its author's name its link; `meta` is put after
 * the name (a date, a "pending" badge). Names go in as text.
 */
export function commentNode(c: BrowserComment, extraClass: string, meta: HTMLElement): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `comment ${extraClass}`;
  li.id = `comment-${c.id}`;
  li.dataset.id = String(c.id);
  const author = document.createElement('a');
  author.className = 'comment-author';
  author.href = `#comment-${c.id}`;
  author.textContent = c.author.name;
  const body = document.createElement('div');
  li.append(author, ' · ', meta, body);
  replaceBody(body, c.html);
  return li;
}

/**
 * Puts a comment the page did not show (live, or the reader's own held one) where the server's
 * order puts it, on the pages shown: under its parent when that thread is here; a new thread
 * first in the newest-first order when page 1 is shown, last in the others (it has no like and
 * no pick yet) when the last page is. Elsewhere its place is on a page not shown: it is left out.
 * Answers whether it was placed.
 */
export function placeComment(list: HTMLOListElement, parentId: number | null, li: HTMLLIElement): boolean {
  if (parentId !== null) {
    const parent = document.getElementById(`comment-${parentId}`);
    if (!parent) return false;
    let replies = parent.querySelector<HTMLOListElement>(':scope > ol.comment-replies');
    if (!replies) {
      replies = document.createElement('ol');
      replies.className = 'comment-replies';
      parent.append(replies);
    }
    replies.append(li);
    return true;
  }
  const { sort, firstPage, lastPage } = list.dataset;
  if (sort === 'newest') {
    if (firstPage === '0') return false;
    list.prepend(li);
  } else {
    if (lastPage === '0') return false;
    list.append(li);
  }
  return true;
}

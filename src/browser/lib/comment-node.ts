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

/** The reply list under a comment (made when it has none yet), else the top-level list. */
export function threadOf(list: HTMLOListElement, parentId: number | null): HTMLOListElement {
  const parent = parentId !== null ? document.getElementById(`comment-${parentId}`) : null;
  if (!parent) return list;
  let replies = parent.querySelector<HTMLOListElement>(':scope > ol.comment-replies');
  if (!replies) {
    replies = document.createElement('ol');
    replies.className = 'comment-replies';
    parent.append(replies);
  }
  return replies;
}

// Builds a comment's list item in the browser, the same markup the server renders.

/** What the browser needs of a comment (the public API's fields). */
export interface BrowserComment {
  id: number;
  parentId: number | null;
  author: { name: string };
  html: string;
  createdAt: string;
}

/**
 * A `<li class="comment">` for the comment; `meta` is appended after the author's
 * name (a date, a "pending" badge). Names go in as text; the HTML was sanitized on
 * the server (sanitize-html), as every comment's HTML.
 */
export function commentNode(c: BrowserComment, extraClass: string, meta: HTMLElement): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `comment ${extraClass}`;
  li.id = `comment-${c.id}`;
  li.dataset.id = String(c.id);
  const article = document.createElement('article');
  const header = document.createElement('header');
  header.className = 'comment-meta';
  const author = document.createElement('span');
  author.className = 'comment-author';
  author.textContent = c.author.name;
  header.append(author, meta);
  const body = document.createElement('div');
  body.className = 'comment-body';
  body.innerHTML = c.html;
  article.append(header, body);
  li.append(article);
  return li;
}

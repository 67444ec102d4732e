// Article page enhancements: live arrival of new comments (SSE) and in-place replies.
// The page works without this script; it only adds.

interface LiveComment {
  id: number;
  parentId: number | null;
  author: { name: string };
  html: string;
  createdAt: string;
}

function commentNode(c: LiveComment, lang: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'comment comment-new';
  li.id = `comment-${c.id}`;
  li.dataset.id = String(c.id);
  const article = document.createElement('article');
  const header = document.createElement('header');
  header.className = 'comment-meta';
  const author = document.createElement('span');
  author.className = 'comment-author';
  author.textContent = c.author.name;
  const time = document.createElement('time');
  time.dateTime = c.createdAt;
  time.textContent = ' ' + new Date(c.createdAt).toLocaleString(lang);
  header.append(author, time);
  const body = document.createElement('div');
  body.className = 'comment-body';
  // Already sanitized on the server (sanitize-html), the same HTML the page itself shows.
  body.innerHTML = c.html;
  article.append(header, body);
  li.append(article);
  return li;
}

function live(section: HTMLElement): void {
  const id = section.dataset.articleId;
  if (!id || !('EventSource' in window)) return;
  const list = section.querySelector<HTMLOListElement>('#comments');
  if (!list) return;
  const lang = document.documentElement.lang || 'fr';
  const source = new EventSource(`/api/v1/articles/${id}/comments/events`);
  source.addEventListener('comment', (e) => {
    const c = JSON.parse((e as MessageEvent<string>).data) as LiveComment;
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
    target.append(commentNode(c, lang));
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

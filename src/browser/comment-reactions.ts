// Likes and the author's edit window on the (cached, shared) article page:
// - the reader's own likes (aria-pressed) and live counts come from a never-cached call;
// - "J'aime" posts with fetch instead of reloading the page;
// - "Modifier" appears only on the reader's own comments still inside the edit window.
// Without this script the like button is a plain form and nothing can be edited.

import { markEdited, showLike } from './lib/comment-live';

interface ReaderState {
  liked: number[];
  likes: Record<string, number>;
  editable: { id: number; until: string; body: string }[];
}

interface EditAnswer {
  id: number;
  status: string;
  editedAt: string;
  html: string;
  body: string;
}

function likes(section: HTMLElement): void {
  section.addEventListener('submit', (e) => {
    const form = (e.target as HTMLElement).closest<HTMLFormElement>('form.like-form');
    const id = Number(form?.dataset.commentId);
    if (!form || !id) return;
    e.preventDefault();
    const button = form.querySelector('button');
    const like = button?.getAttribute('aria-pressed') !== 'true';
    button?.setAttribute('disabled', '');
    void fetch(`/api/v1/comments/${id}/likes`, { method: like ? 'POST' : 'DELETE', credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) return;
        const r = (await res.json()) as { likes: number; liked: boolean };
        showLike(id, r.likes, r.liked);
      })
      .catch(() => undefined)
      .finally(() => button?.removeAttribute('disabled'));
  });
}

/** The edit form, in place of the comment's text; labels come from the page (fr/en). */
function openEditor(li: HTMLElement, entry: ReaderState['editable'][number], labels: DOMStringMap, close: () => void): void {
  const body = li.querySelector<HTMLElement>(':scope > article > .comment-body');
  if (!body || li.querySelector('form.comment-edit-form')) return;
  const form = document.createElement('form');
  form.className = 'comment-edit-form';
  const fieldId = `comment-edit-${entry.id}`;
  const label = document.createElement('label');
  label.htmlFor = fieldId;
  label.textContent = labels.editBodyLabel ?? '';
  const area = document.createElement('textarea');
  area.id = fieldId;
  area.name = 'body';
  area.rows = 5;
  area.maxLength = 5000;
  area.required = true;
  area.value = entry.body;
  const status = document.createElement('p');
  status.className = 'comment-edit-status';
  status.setAttribute('role', 'status');
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = labels.saveLabel ?? '';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'comment-edit-cancel';
  cancel.textContent = labels.cancelLabel ?? '';
  cancel.addEventListener('click', () => {
    form.remove();
    body.hidden = false;
  });
  form.append(label, area, save, cancel, status);
  body.hidden = true;
  body.after(form);
  area.focus();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save.disabled = true;
    void sendEdit(entry.id, area.value).then((r) => {
      save.disabled = false;
      if (typeof r === 'string') {
        status.setAttribute('role', 'alert');
        status.textContent = `${labels.editFailed ?? ''} ${r}`;
        return;
      }
      entry.body = r.body;
      body.innerHTML = r.html; // sanitized by the server (sanitize-html), as every comment's HTML
      form.remove();
      body.hidden = false;
      markEdited(li, r.editedAt, labels.editedLabel ?? '');
      if (r.status !== 'published') {
        li.classList.add('comment-pending');
        const note = document.createElement('p');
        note.className = 'notice notice-ok';
        note.setAttribute('role', 'status');
        note.textContent = labels.editHeld ?? '';
        body.after(note);
        close();
      }
    });
  });
}

async function sendEdit(id: number, text: string): Promise<EditAnswer | string> {
  try {
    const res = await fetch(`/api/v1/comments/${id}`, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: text }),
    });
    const r = (await res.json()) as EditAnswer & { message?: string };
    return res.ok ? r : (r.message ?? String(res.status));
  } catch {
    return '';
  }
}

function editControls(list: HTMLElement, editable: ReaderState['editable']): void {
  const labels = list.dataset;
  for (const entry of editable) {
    const li = document.getElementById(`comment-${entry.id}`);
    const article = li?.querySelector(':scope > article');
    if (!li || !article || article.querySelector('.comment-edit-button')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'comment-edit-button';
    button.textContent = labels.editLabel ?? '';
    const remove = () => button.remove();
    button.addEventListener('click', () => openEditor(li, entry, labels, remove));
    article.querySelector('.comment-body')?.after(button);
    // The window closes: the control goes (the server would refuse anyway).
    const left = new Date(entry.until).getTime() - Date.now();
    setTimeout(remove, Math.max(0, Math.min(left, 2_147_000_000)));
  }
}

async function readerState(section: HTMLElement, articleId: string): Promise<void> {
  let state: ReaderState;
  try {
    const res = await fetch(`/api/v1/articles/${articleId}/comments/reader`, { credentials: 'same-origin' });
    if (!res.ok) return;
    state = (await res.json()) as ReaderState;
  } catch {
    return;
  }
  const liked = new Set(state.liked);
  for (const form of section.querySelectorAll<HTMLFormElement>('form.like-form')) {
    const id = Number(form.dataset.commentId);
    showLike(id, state.likes[String(id)] ?? 0, liked.has(id));
  }
  const list = section.querySelector<HTMLElement>('#comments');
  if (list) editControls(list, state.editable);
}

const discussion = document.querySelector<HTMLElement>('section.discussion');
const articleId = discussion?.dataset.articleId;
if (discussion && articleId) {
  likes(discussion);
  void readerState(discussion, articleId);
}

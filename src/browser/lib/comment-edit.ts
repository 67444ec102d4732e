// The author's edit window on the (cached, shared) article page: "Modifier" appears only on
// the reader's own comments still inside it (from the reader call), and edits in place.
// Without JavaScript nothing can be edited.

import { markEdited } from './comment-live';
import { replaceBody } from './comment-node';

/** One of the reader's comments they may still edit, until `until`. */
export interface Editable {
  id: number;
  until: string;
  body: string;
}

interface EditAnswer {
  id: number;
  status: string;
  editedAt: string;
  html: string;
  body: string;
}

/** The edit form, in place of the comment's text; labels come from the page (fr/en). */
function openEditor(li: HTMLElement, entry: Editable, labels: DOMStringMap, close: () => void): void {
  let body = li.querySelector<HTMLElement>(':scope > .comment-body');
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
    if (body) body.hidden = false;
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
      form.remove();
      if (body) body = replaceBody(body, r.html);
      markEdited(li, r.editedAt, labels.editedLabel ?? '');
      if (r.status !== 'published') {
        li.classList.add('comment-pending');
        const note = document.createElement('p');
        note.className = 'notice notice-ok';
        note.setAttribute('role', 'status');
        note.textContent = labels.editHeld ?? '';
        body?.after(note);
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

/** "Modifier" after the text of each of the reader's editable comments, until its window closes. */
export function editControls(list: HTMLElement, editable: Editable[]): void {
  const labels = list.dataset;
  for (const entry of editable) {
    const li = document.getElementById(`comment-${entry.id}`);
    if (!li || li.querySelector(':scope > .comment-edit-button')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'comment-edit-button';
    button.textContent = labels.editLabel ?? '';
    const remove = () => button.remove();
    button.addEventListener('click', () => openEditor(li, entry, labels, remove));
    li.querySelector(':scope > .comment-body')?.after(button);
    // The window closes: the control goes (the server would refuse anyway).
    const left = new Date(entry.until).getTime() - Date.now();
    setTimeout(remove, Math.max(0, Math.min(left, 2_147_000_000)));
  }
}

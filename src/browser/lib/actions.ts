// The reader's actions on the (cached, shared) article page, done without leaving it:
// - "J'aime" and "Signaler" post with fetch; without this script they are plain buttons of the
//   page's one shared form (#comment-actions, through their `form` and `formaction` attributes);
// - "Répondre" moves the comment form under the comment instead of loading ?replyTo=;
// - the form gets its own idempotency key (the cached page's one is shared by its readers).

import { showLike } from './comment-live';

async function post(url: string, method = 'POST'): Promise<Response | undefined> {
  try {
    const init: RequestInit = { method, credentials: 'same-origin' };
    if (method === 'POST') Object.assign(init, { headers: { 'content-type': 'application/json' }, body: '{}' });
    return await fetch(url, init);
  } catch {
    return undefined;
  }
}

async function like(button: HTMLButtonElement, id: number): Promise<void> {
  const liking = button.getAttribute('aria-pressed') !== 'true';
  button.disabled = true;
  const res = await post(`/api/v1/comments/${id}/likes`, liking ? 'POST' : 'DELETE');
  if (res?.ok) {
    const r = (await res.json()) as { likes: number; liked: boolean };
    showLike(id, r.likes, r.liked);
  }
  button.disabled = false;
}

async function report(button: HTMLButtonElement, id: number, done: HTMLElement | null): Promise<void> {
  button.disabled = true;
  const res = await post(`/api/v1/comments/${id}/reports`);
  if (!res?.ok) {
    button.disabled = false;
    return;
  }
  if (done) done.hidden = false;
}

/** Like and report buttons: the shared form's submit, with the pressed button as its submitter. */
export function commentActions(section: HTMLElement): void {
  const form = section.querySelector<HTMLFormElement>('form#comment-actions');
  const done = section.querySelector<HTMLElement>('.report-done');
  if (done && new URLSearchParams(location.search).has('reported')) done.hidden = false;
  form?.addEventListener('submit', (e) => {
    const button = e.submitter;
    const id = Number(button?.closest<HTMLElement>('li.comment')?.dataset.id);
    if (!(button instanceof HTMLButtonElement) || !id) return;
    if (button.classList.contains('like-button')) {
      e.preventDefault();
      void like(button, id);
    } else if (button.classList.contains('report-button')) {
      e.preventDefault();
      void report(button, id, done);
    }
  });
}

/** "Répondre" puts the form under the comment answered. */
export function replies(section: HTMLElement): void {
  const form = section.querySelector<HTMLFormElement>('#comment-form');
  if (!form) return;
  const key = form.querySelector<HTMLInputElement>('input[name=idempotencyKey]');
  if (key && typeof crypto.randomUUID === 'function') key.value = crypto.randomUUID();
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

// The article editor's enhancements: live Markdown preview and draft autosave.
// The form works without this script (the Preview button re-renders on the server).

function debounce(fn: () => void, ms: number): () => void {
  let timer: number | undefined;
  return () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(fn, ms);
  };
}

async function postJson(url: string, method: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${res.status}`);
  return res.json();
}

function livePreview(form: HTMLFormElement): void {
  const body = form.querySelector<HTMLTextAreaElement>('#body');
  const preview = document.getElementById('preview');
  if (!body || !preview) return;
  let last = body.value;
  const refresh = debounce(async () => {
    if (body.value === last) return;
    last = body.value;
    try {
      const out = (await postJson('/api/v1/preview', 'POST', { body: last })) as { html: string };
      // Sanitized on the server by the same renderer as the public page.
      preview.innerHTML = out.html;
    } catch {
      // The Preview button still works; nothing to do here.
    }
  }, 300);
  body.addEventListener('input', refresh);
}

function autosave(form: HTMLFormElement): void {
  const id = form.dataset.articleId;
  const status = document.getElementById('autosave-status');
  if (!id || !status) return;
  const value = (name: string) => form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name=${name}]`)?.value ?? '';
  const snapshot = () => JSON.stringify({ title: value('title'), summary: value('summary'), body: value('body') });
  let saved = snapshot();
  const save = async () => {
    const now = snapshot();
    if (now === saved) return;
    try {
      const out = (await postJson(`/api/v1/articles/${id}/autosave`, 'PUT', JSON.parse(now))) as { savedAt: string };
      saved = now;
      const time = new Date(out.savedAt).toLocaleTimeString(document.documentElement.lang || 'fr');
      status.textContent = (status.dataset.template ?? '{time}').replace('{time}', time);
    } catch {
      // Try again at the next tick.
    }
  };
  form.addEventListener('input', debounce(save, 2000));
  window.setInterval(save, 15000);
  form.addEventListener('submit', () => {
    saved = snapshot();
  });
}

const form = document.querySelector<HTMLFormElement>('#editor-form');
if (form) {
  livePreview(form);
  autosave(form);
}

// Keyboard shortcuts of the moderation queue: j / k move between comments,
// a approve, r reject, s spam, x ticks the comment for a bulk action.
// Every action is also a plain button of the server-rendered form.

const items = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('li.mod-item')];
let current = -1;

function focusItem(i: number): void {
  const list = items();
  if (list.length === 0) return;
  current = Math.max(0, Math.min(list.length - 1, i));
  for (const [n, el] of list.entries()) el.classList.toggle('mod-current', n === current);
  const el = list[current];
  el?.focus();
  el?.scrollIntoView({ block: 'nearest' });
}

const ACTIONS: Record<string, string> = { a: 'approve', r: 'reject', s: 'spam' };

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea, select, [contenteditable]')) return;
  const list = items();
  if (list.length === 0) return;
  const here = target.closest<HTMLElement>('li.mod-item');
  if (here) current = list.indexOf(here);
  if (e.key === 'j') focusItem(current + 1);
  else if (e.key === 'k') focusItem(current - 1);
  else if (e.key === 'x' && current >= 0) {
    const box = list[current]?.querySelector<HTMLInputElement>('input.mod-pick');
    if (box) box.checked = !box.checked;
  } else if (ACTIONS[e.key] && current >= 0) {
    list[current]?.querySelector<HTMLButtonElement>(`button.mod-${ACTIONS[e.key]}`)?.click();
  } else return;
  e.preventDefault();
});

// "Commentaires suivants" without leaving the page: the link to the next page of the discussion
// becomes a button that fetches that page (the same address, cached and shared like any page),
// appends its threads to the list and takes its link to the page after. Without this script the
// link simply opens the next page.

/** Replaces the next page's link by the "more" button; `added` runs after each page appended. */
export function morePages(section: HTMLElement, added: (list: HTMLOListElement) => void): void {
  const list = section.querySelector<HTMLOListElement>('#comments');
  const link = section.querySelector<HTMLAnchorElement>('nav.comment-pages a[rel=next]');
  if (!list || !link) return;
  let next = link.href;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'comment-more';
  button.textContent = link.textContent;
  link.replaceWith(button);
  button.addEventListener('click', () => {
    button.disabled = true;
    void fetchPage(next).then((doc) => {
      // Unreachable or gone: the plain link's way.
      if (!doc) {
        location.assign(next);
        return;
      }
      const fetched = doc.getElementById('comments');
      const threads = Array.from(fetched?.children ?? []).filter((el) => el.classList.contains('comment') && !document.getElementById(el.id));
      list.append(...threads);
      list.dataset.lastPage = fetched?.dataset.lastPage ?? '1';
      const status = section.querySelector('nav.comment-pages .comment-page');
      const shownStatus = doc.querySelector('nav.comment-pages .comment-page');
      if (status && shownStatus) status.textContent = shownStatus.textContent;
      const following = doc.querySelector('nav.comment-pages a[rel=next]')?.getAttribute('href');
      if (following) {
        next = new URL(following, next).href;
        button.disabled = false;
      } else button.remove();
      // Keyboard and screen reader users go on reading where the new threads begin.
      threads[0]?.querySelector<HTMLElement>('.comment-author')?.focus();
      added(list);
    });
  });
}

async function fetchPage(url: string): Promise<Document | undefined> {
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    return res.ok ? new DOMParser().parseFromString(await res.text(), 'text/html') : undefined;
  } catch {
    return undefined;
  }
}

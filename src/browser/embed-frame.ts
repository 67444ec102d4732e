// Inside the embedded discussion (/embed):
// - tells the host page how tall the content is, whenever that changes, so that its
//   iframe never scrolls (the height is no secret, so any parent may hear it; embed.ts
//   accepts it only from this origin and this frame);
// - opens links that leave the embed (the article, links in comments, the login page,
//   which may not be framed) in a new tab rather than inside the frame.

const MESSAGE = 'palabre:height';

function staysInEmbed(link: HTMLAnchorElement): boolean {
  const url = new URL(link.href, location.href);
  return url.origin === location.origin && url.pathname === location.pathname;
}

if (window.parent !== window) {
  let last = -1;
  const report = (): void => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: MESSAGE, height }, '*');
  };
  if ('ResizeObserver' in window) new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener('load', report);
  report();

  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!(link instanceof HTMLAnchorElement) || link.target || staysInEmbed(link)) return;
    link.target = '_blank';
    link.rel = 'noopener';
  });
}

export {}; // a module: its names stay out of the global scope shared with the other scripts

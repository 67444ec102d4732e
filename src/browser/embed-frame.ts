// Inside the embedded discussion (/embed): tells the host page how tall the
// content is, whenever that changes, so that its iframe never scrolls.
// The height is no secret, so any parent may hear it; embed.ts accepts it only from this origin.

const MESSAGE = 'palabre:height';

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
}

export {}; // a module: its names stay out of the global scope shared with the other scripts

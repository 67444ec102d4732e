// The loader other sites include:
//   <script src="BASE/embed.js" data-palabre-url="PAGE_URL" async></script>
// It puts an iframe showing BASE/embed?url=PAGE_URL right after its own tag and
// gives the iframe the height its page reports (postMessage from embed-frame.ts).
// Several tags on one page each get their own frame. Nothing is read from the host page
// but the tag's attributes, and only height messages from BASE's origin are heard.

const ATTR = 'data-palabre-url';
const MOUNTED = 'data-palabre-mounted';
const MESSAGE = 'palabre:height';
const MAX_HEIGHT = 100_000;

interface HeightMessage {
  type: typeof MESSAGE;
  height: number;
}

function isHeightMessage(data: unknown): data is HeightMessage {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return d.type === MESSAGE && typeof d.height === 'number' && Number.isFinite(d.height) && d.height >= 0;
}

function mount(script: HTMLScriptElement): void {
  if (script.hasAttribute(MOUNTED) || !script.src) return;
  script.setAttribute(MOUNTED, '1');
  const base = new URL(script.src, location.href);
  const page = new URL(script.getAttribute(ATTR)?.trim() || location.href, location.href);
  const src = new URL('embed', base);
  src.searchParams.set('url', page.href);
  const frame = document.createElement('iframe');
  frame.src = src.href;
  frame.title = script.getAttribute('data-palabre-title') || 'Discussion';
  frame.loading = 'lazy';
  frame.className = 'palabre-embed';
  frame.style.cssText = 'display:block;width:100%;border:0;height:400px;';
  script.insertAdjacentElement('afterend', frame);
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.origin !== base.origin || e.source !== frame.contentWindow || !isHeightMessage(e.data)) return;
    frame.style.height = `${Math.min(Math.ceil(e.data.height), MAX_HEIGHT)}px`;
  });
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) mount(current);
else document.querySelectorAll<HTMLScriptElement>(`script[${ATTR}]`).forEach(mount);

export {}; // a module: its names stay out of the global scope shared with the other scripts

// The page script's start-up work is cut into short tasks, so that the main thread (a phone's
// especially) stays free for the reader's taps while a 200-comment page gets its state.

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Gives the main thread back for a moment: `scheduler.yield()` where there is one, else a message-channel task. */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Applies `each` to every item, yielding whenever a slice has taken `budgetMs`. */
export async function inSlices<T>(items: ArrayLike<T>, each: (item: T) => void, budgetMs = 8): Promise<void> {
  let start = performance.now();
  for (let i = 0; i < items.length; i++) {
    each(items[i] as T);
    if (performance.now() - start > budgetMs && i < items.length - 1) {
      await yieldToMain();
      start = performance.now();
    }
  }
}

/**
 * Waits for a moment the browser has nothing else to do (at most `timeout` ms); where idle
 * callbacks are missing (Safari), about a frame. Never waits on a frame being drawn: a tab in
 * the background still gets its live stream.
 */
export function idle(timeout = 1000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 16);
  });
}

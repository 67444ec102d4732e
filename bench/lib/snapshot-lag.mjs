// How long a new comment takes to be in its static snapshot on disk while the write bench's posters
// keep posting (bench/writes.mjs, snapshots on): every BENCH_PROBE_MS (400) a comment from an address
// of its own, then, from the 201, the article's snapshot file read each time a new one is renamed in
// (inotify, through fs.watch on its folder) until it was rendered after it: its discussion's
// `data-last-id` (the newest published comment's id) at least the probe's id. (Its text is no signal:
// at hundreds of new threads a second it leaves page 1 of the newest order before the snapshot is
// written, and a new thread is on the default order's last page.) Given up after 5 s. The renames
// also count the article's rewrites (how often the writer went through it).
// The folder is watched, not polled: two loops that looked at the file every 5 ms cost the load
// generator 76 ms of CPU a second (a scratch loop of the same), taken from the server's two cores.
import { mkdirSync, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { address, commentText } from '../writes-server.mjs';

const GIVE_UP_MS = 5000;

/** Probes until `until` (performance.now()); resolves with the lags seen (ms) and how many were given up. */
export async function snapshotLag({ base, staticDir, article, token, until }) {
  const file = join(staticDir, new URL(article.url).pathname, 'index.html');
  const lastId = async () => Number(/data-last-id="(\d+)"/.exec(await readFile(file, 'utf8').catch(() => ''))?.[1] ?? 0);
  let rewrites = 0;
  /** Probes waiting for the next rename of the file in. */
  const waiting = new Set();
  // Normally there already (the first write of every page, before the posting); watched either way.
  mkdirSync(dirname(file), { recursive: true });
  const watcher = watch(dirname(file), (event, name) => {
    if (event !== 'rename' || name !== 'index.html') return;
    rewrites++;
    for (const wake of waiting) wake();
  });
  /** Resolves at the next rename, or after `ms`. */
  const nextRewrite = (ms) =>
    new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waiting.add(wake);
    });
  const every = Number(process.env.BENCH_PROBE_MS ?? 400);
  const lags = [];
  let lost = 0;
  const began = performance.now();
  try {
    for (let p = 5000; performance.now() + every < until; p++) {
      const next = performance.now() + every;
      const res = await fetch(`${base}/api/v1/articles/${article.id}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address(p, 1) },
        body: JSON.stringify({ body: commentText(p, 1), name: `Lecteur ${p + 1}`, email: `lecteur${p + 1}.1@example.test`, token }),
      }).catch(() => undefined);
      const made = res?.status === 201 ? await res.json() : undefined;
      if (made?.status === 'published') {
        const t0 = performance.now();
        for (;;) {
          // A rename while the file is read is not missed: it moves the count, and the file is read again.
          const seen = rewrites;
          const waited = performance.now() - t0;
          if ((await lastId()) >= made.id || waited >= GIVE_UP_MS) break;
          if (rewrites === seen) await nextRewrite(GIVE_UP_MS - waited);
        }
        const ms = performance.now() - t0;
        if (ms >= GIVE_UP_MS) lost++;
        else lags.push(ms);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, until - performance.now())));
  } finally {
    watcher.close();
  }
  lags.sort((a, b) => a - b);
  const rewritesPerSecond = Number((rewrites / ((performance.now() - began) / 1000)).toFixed(1));
  return { rewritesPerSecond, probes: lags.length, lost, median: Math.round(lags[Math.floor(lags.length / 2)] ?? NaN), max: Math.round(lags.at(-1) ?? NaN) };
}

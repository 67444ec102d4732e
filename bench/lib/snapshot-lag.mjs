// How long a new comment takes to be in its static snapshot on disk while the write bench's posters
// keep posting (bench/writes.mjs, snapshots on): every BENCH_PROBE_MS (400) a comment from an address
// of its own, then the article's snapshot file polled every 5 ms from the 201 until it was rendered
// after it: its discussion's `data-last-id` (the newest published comment's id) at least the probe's
// id, the file read again only when its inode changed. (Its text is no signal: at hundreds of new threads a second it leaves page 1 of the newest
// order before the snapshot is written, and a new thread is on the default order's last page.)
// Given up after 5 s. Meanwhile the file's inode is watched every 5 ms: each write renames a new file
// in, so its changes count the article's rewrites (how often the writer went through it).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { address, commentText } from '../writes-server.mjs';

const GIVE_UP_MS = 5000;

/** Probes until `until` (performance.now()); resolves with the lags seen (ms) and how many were given up. */
export async function snapshotLag({ base, staticDir, article, token, until }) {
  const file = join(staticDir, new URL(article.url).pathname, 'index.html');
  // The file is read again only when another one was renamed in (its inode changed): reading ~200 KB
  // every 5 ms cost the load generator, on the server's two cores, most of a tenth of a core.
  let read = { ino: undefined, id: 0 };
  const lastId = async () => {
    const ino = await stat(file).then((s) => s.ino, () => undefined);
    if (ino === undefined || ino === read.ino) return read.id;
    const id = Number(/data-last-id="(\d+)"/.exec(await readFile(file, 'utf8').catch(() => ''))?.[1] ?? 0);
    read = { ino, id };
    return id;
  };
  const every = Number(process.env.BENCH_PROBE_MS ?? 400);
  const lags = [];
  let lost = 0;
  let rewrites = 0;
  const began = performance.now();
  const watching = (async () => {
    let ino;
    while (performance.now() < until) {
      const now = await stat(file).then((s) => s.ino, () => undefined);
      if (ino !== undefined && now !== ino) rewrites++;
      ino = now;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
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
      while ((await lastId()) < made.id && performance.now() - t0 < GIVE_UP_MS) await new Promise((r) => setTimeout(r, 5));
      const ms = performance.now() - t0;
      if (ms >= GIVE_UP_MS) lost++;
      else lags.push(ms);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  await watching;
  lags.sort((a, b) => a - b);
  const rewritesPerSecond = Number((rewrites / ((performance.now() - began) / 1000)).toFixed(1));
  return { rewritesPerSecond, probes: lags.length, lost, median: Math.round(lags[Math.floor(lags.length / 2)] ?? NaN), max: Math.round(lags.at(-1) ?? NaN) };
}

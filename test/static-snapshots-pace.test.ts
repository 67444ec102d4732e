import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticSnapshots, type FetchPage } from '../src/infra/static-snapshots';

/** One fetch of a page: when it began and ended (performance.now()), and which change it saw. */
interface Fetched {
  url: string;
  start: number;
  end: number;
  version: number;
}

/**
 * A site whose article page `/a` takes `slowMs` to fetch (the render of a long discussion, simulated
 * by a timer: its length is what the pace is measured on); robots.txt carries no tags, as the real one.
 */
function site(slowMs: number) {
  const fetched: Fetched[] = [];
  let version = 0;
  const fetch: FetchPage = async (url) => {
    const start = performance.now();
    const seen = version;
    if (url === '/a') await new Promise((r) => setTimeout(r, slowMs));
    fetched.push({ url, start, end: performance.now(), version: seen });
    return { status: 200, body: Buffer.from(`${url} ${seen}`), tags: url === '/robots.txt' ? [] : ['article:1'] };
  };
  return {
    fetch,
    fetched,
    of: (url: string) => fetched.filter((f) => f.url === url),
    current: () => version,
    change(snapshots: StaticSnapshots, tags = ['article:1']) {
      version++;
      snapshots.changed(tags);
    },
  };
}

const dirs: string[] = [];
const running: StaticSnapshots[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A flush as the writer reports it, with when it began (performance.now()). */
interface Flush {
  start: number;
  ms: number;
  periodMs: number;
}

async function started(fake: ReturnType<typeof site>, seeds = ['/a']): Promise<{ snapshots: StaticSnapshots; dir: string; flushes: Flush[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-pace-'));
  dirs.push(dir);
  const flushes: Flush[] = [];
  const onFlush = (f: { ms: number; periodMs: number }) => flushes.push({ ...f, start: performance.now() - f.ms });
  const snapshots = new StaticSnapshots({ dir, fetch: fake.fetch, seeds, discover: async () => [], sorts: [], listTags: ['lists'], onFlush });
  running.push(snapshots);
  await snapshots.start();
  return { snapshots, dir, flushes };
}

/** A change every 10 ms until `enough` (6 s at most): a burst of comments on the article. */
async function burst(fake: ReturnType<typeof site>, snapshots: StaticSnapshots, enough: () => boolean): Promise<void> {
  const until = performance.now() + 6000;
  while (!enough() && performance.now() < until) {
    fake.change(snapshots);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Timers fire late on a loaded machine: how late a flush may begin after its period without failing the test. */
const LATE_MS = 250;

describe('the pace of the snapshot writer under a burst of changes', () => {
  it('begins a flush five times the last one’s length after it began (a fifth of the time at most)', async () => {
    const fake = site(80);
    const { snapshots, flushes } = await started(fake);
    await burst(fake, snapshots, () => flushes.length >= 4);
    expect(flushes.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < flushes.length; i++) {
      const [before, after] = [flushes[i - 1] as Flush, flushes[i] as Flush];
      // Each flush takes the 80 ms fetch and more. Without the bound the next began gatherMs after it ended (~130 ms apart).
      expect(before.ms).toBeGreaterThanOrEqual(79);
      expect(Math.abs(before.periodMs - Math.min(5 * before.ms, 1000 - before.ms))).toBeLessThanOrEqual(3); // both rounded
      expect(after.start - before.start).toBeGreaterThanOrEqual(before.periodMs - 3);
      expect(after.start - before.start).toBeLessThan(before.periodMs + LATE_MS);
    }
  });

  it('never waits so long that a change would take more than a second to be on disk', async () => {
    const fake = site(300);
    const { snapshots, flushes } = await started(fake);
    await burst(fake, snapshots, () => flushes.length >= 3);
    // The last change of the burst is written too.
    await vi.waitFor(() => expect(fake.of('/a').at(-1)?.version).toBe(fake.current()), { timeout: 3000, interval: 20 });
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < flushes.length; i++) {
      const [before, after] = [flushes[i - 1] as Flush, flushes[i] as Flush];
      // Not 5 × 300 ms: a change just after the previous fetch waits for this flush to begin and end,
      // period + its length, a second.
      expect(Math.abs(before.periodMs - Math.max(200, 1000 - before.ms))).toBeLessThanOrEqual(1); // both rounded
      expect(before.periodMs).toBeLessThan(5 * before.ms);
      expect(after.start - before.start).toBeGreaterThanOrEqual(before.periodMs - 3);
      expect(after.start - before.start).toBeLessThan(before.periodMs + LATE_MS);
    }
  });

  it('still writes a change after a quiet spell gatherMs later, even after a slow flush', async () => {
    const fake = site(300);
    const { snapshots, dir } = await started(fake);
    fake.change(snapshots);
    await vi.waitFor(() => expect(readFileSync(join(dir, 'a/index.html'), 'utf8')).toBe('/a 1'), { timeout: 2000, interval: 10 });
    // Quiet for longer than the period (1 s at most): the next change is not held back by the slow flush.
    await new Promise((r) => setTimeout(r, 1000));
    const asked = performance.now();
    fake.change(snapshots);
    await vi.waitFor(() => expect(fake.of('/a').at(-1)?.version).toBe(2), { timeout: 2000, interval: 5 });
    const began = (fake.of('/a').at(-1) as Fetched).start - asked;
    expect(began).toBeGreaterThanOrEqual(49);
    expect(began).toBeLessThan(50 + LATE_MS); // not the period after the slow flush (~700 ms)
  });
});

describe('pages without tags', () => {
  it('fetches robots.txt again only when everything changes, not on every change', async () => {
    const fake = site(0);
    const { snapshots, dir } = await started(fake, ['/robots.txt', '/a']);
    expect(fake.of('/robots.txt')).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      fake.change(snapshots);
      await vi.waitFor(() => expect(readFileSync(join(dir, 'a/index.html'), 'utf8')).toBe(`/a ${i + 1}`), { timeout: 2000, interval: 10 });
    }
    expect(fake.of('/robots.txt')).toHaveLength(1);
    fake.change(snapshots, ['*']);
    await vi.waitFor(() => expect(readFileSync(join(dir, 'robots.txt'), 'utf8')).toBe('/robots.txt 4'), { timeout: 2000, interval: 10 });
    expect(fake.of('/robots.txt')).toHaveLength(2);
  });
});


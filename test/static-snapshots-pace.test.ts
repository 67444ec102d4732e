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

async function started(fake: ReturnType<typeof site>, seeds = ['/a']): Promise<{ snapshots: StaticSnapshots; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-pace-'));
  dirs.push(dir);
  const snapshots = new StaticSnapshots({ dir, fetch: fake.fetch, seeds, discover: async () => [], sorts: [], listTags: ['lists'] });
  running.push(snapshots);
  await snapshots.start();
  return { snapshots, dir };
}

/** A change every 10 ms for `ms`: a burst of comments on the article. */
async function burst(fake: ReturnType<typeof site>, snapshots: StaticSnapshots, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    fake.change(snapshots);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the pace of the snapshot writer under a burst of changes', () => {
  it('waits five times a flush’s length between the starts of two flushes (a fifth of the time at most)', async () => {
    const fake = site(80);
    const { snapshots } = await started(fake);
    const first = fake.of('/a').length;
    await burst(fake, snapshots, 1600);
    const flushes = fake.of('/a').slice(first);
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < flushes.length; i++) {
      const [before, after] = [flushes[i - 1] as Fetched, flushes[i] as Fetched];
      // Without the bound the next flush began gatherMs after the previous ended: about 130 ms apart.
      expect(after.start - before.start).toBeGreaterThanOrEqual(5 * (before.end - before.start) - 2);
    }
  });

  it('never waits so long that a change would take more than a second to be on disk', async () => {
    const fake = site(300);
    const { snapshots } = await started(fake);
    const first = fake.of('/a').length;
    await burst(fake, snapshots, 2500);
    // The last change of the burst is written too.
    await vi.waitFor(() => expect(fake.of('/a').at(-1)?.version).toBe(fake.current()), { timeout: 2000, interval: 20 });
    const flushes = fake.of('/a').slice(first);
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < flushes.length; i++) {
      const [before, after] = [flushes[i - 1] as Fetched, flushes[i] as Fetched];
      // Held back (without the bound: gatherMs after the previous ended, ~350 ms apart), but not 5 × 300 ms:
      // capped at a second minus the flush's length (the fetch and the writing of the files)…
      expect(after.start - before.start).toBeGreaterThan(600);
      // …so that a change just after the previous fetch is written by the end of this one, within the second
      // (a little room for a loaded machine's late timers).
      expect(after.end - before.start).toBeLessThan(1000 + 150);
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
    expect(began).toBeLessThan(150);
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


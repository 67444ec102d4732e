import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERLOAD } from '../../src/web/health';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** Keeps the event loop busy in long slices for ms, as a process drowning in work does. */
async function lag(ms: number, slice = 600): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const stop = Date.now() + slice;
    while (Date.now() < stop) {
      // busy: nothing else runs meanwhile
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe.each(DIALECTS)('overload shedding on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let articleId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    articleId = (await createArticle(t, editor.auth, { title: 'Heure de pointe' })).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => t?.close());

  const home = () => t.app.inject({ method: 'GET', url: '/api/v1/articles' });
  /** Waits for the next sample of the event loop to find it on time again. */
  const calm = async (): Promise<void> => {
    const since = Date.now();
    while (t.app.isUnderPressure()) {
      expect(Date.now() - since).toBeLessThan(OVERLOAD.sampleIntervalMs * 4);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('serves through lag alone or with open event streams, and sheds with 503 and Retry-After when many requests wait', async () => {
    // Lag alone (a slow start-up step): still served.
    await lag(OVERLOAD.sampleIntervalMs * 2.5);
    expect((await home()).statusCode).toBe(200);

    // Open event streams are not waiting for anything: a site with many readers online is not overloaded.
    // The streams open once the lag above has left the sample (else opening 20 at once under lag is a spike and is shed).
    await calm();
    const controller = new AbortController();
    const streams = await Promise.all(
      Array.from({ length: OVERLOAD.minInFlight + 4 }, () => fetch(`${base}/api/v1/articles/${articleId}/comments/events`, { signal: controller.signal })),
    );
    expect(streams.every((s) => s.status === 200)).toBe(true);
    try {
      await lag(OVERLOAD.sampleIntervalMs * 2.5);
      expect((await home()).statusCode).toBe(200);
      // Lag with many requests waiting at once: some are shed at once with 503 and Retry-After.
      await lag(OVERLOAD.sampleIntervalMs * 2.5);
      const burst = await Promise.all(Array.from({ length: OVERLOAD.minInFlight * 3 }, () => home()));
      const shed = burst.filter((r) => r.statusCode === 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(burst.every((r) => r.statusCode === 200 || r.statusCode === 503)).toBe(true);
      expect(shed[0]?.headers['retry-after']).toBe('5');
      expect(shed[0]?.json()).toMatchObject({ error: 'unavailable' });
    } finally {
      controller.abort();
    }
    // The load gone, the same process serves again at the next sample.
    const waited = Date.now();
    while ((await home()).statusCode !== 200) {
      expect(Date.now() - waited).toBeLessThan(OVERLOAD.sampleIntervalMs * 4);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});

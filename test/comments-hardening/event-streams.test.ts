import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertComment } from '../../src/modules/comments/comment.repository';
import { REPLAY_LIMIT } from '../../src/modules/comments/comment.replay';

/** A small cap (PALABRE_STREAMS_PER_ADDRESS) so the test opens few streams. */
const MAX_STREAMS_PER_ADDRESS = 6;
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, warmUpPosting } from '../support/factories';
import { needs, REDIS_URL } from '../support/parts';
import { createTestApp, type TestApp } from '../support/test-app';

type SseEvent = { id: string | undefined; event: string; data: string };

/** An open SSE stream; events() reads `comment` events until `until` says stop. */
async function openStream(base: string, articleId: number, headers: Record<string, string> = {}, query = '') {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/articles/${articleId}/comments/events${query}`, { headers, signal: controller.signal });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timer = setTimeout(() => controller.abort(), 15_000);
  return {
    res,
    close() {
      clearTimeout(timer);
      controller.abort();
    },
    async comments(until: (ids: number[]) => boolean): Promise<SseEvent[]> {
      const out: SseEvent[] = [];
      if (!reader) throw new Error('no body');
      for (;;) {
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
          if (field('event') === 'comment') out.push({ id: field('id'), event: 'comment', data: field('data') ?? '' });
          if (until(out.map((e) => Number(e.id)))) return out;
          end = buffer.indexOf('\n\n');
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended after ${out.length} comments`);
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

function suite(engine: (typeof DIALECTS)[number], redis: boolean) {
  let a: TestApp;
  let b: TestApp;
  let base: string;
  let article: Awaited<ReturnType<typeof createArticle>>;
  let n = 0;

  const post = async (t: TestApp = a) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: `192.0.2.${(n++ % 200) + 1}`,
      payload: { body: `Un avis numéro ${n} sur la session du jour.`, name: 'Awa', email: `awa${n}@example.test` },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ status: string }>().status).toBe('published');
    return res.json<{ id: number }>().id;
  };

  beforeAll(async () => {
    const env: Record<string, string> = {
      PALABRE_STREAMS_PER_ADDRESS: String(MAX_STREAMS_PER_ADDRESS),
      ...(redis ? { REDIS_URL, PALABRE_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:` } : {}),
    };
    a = await createTestApp(engine, { env });
    // With Redis, the reader is on a second instance: replay and fan-out must both reach it.
    b = redis ? await a.restart() : a;
    base = await listen(b);
    const editor = await createUserWithToken(a.deps, 'editor');
    article = await createArticle(a, editor.auth, { title: 'Direct : la session parlementaire' });
    await a.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { minSubmitSeconds: 0, floodSeconds: 0 } });
    await warmUpPosting(a, editor.auth);
  });
  afterAll(async () => {
    if (b !== a) await b?.stop();
    await a?.close();
  });

  it('replays what a reconnecting reader missed (Last-Event-ID), in order, then goes on live without repeats', async () => {
    const seen = await post();
    const missed = [await post(), await post()];
    const s = await openStream(base, article.id, { 'last-event-id': String(seen) });
    const replayed = await s.comments((ids) => ids.length >= 2);
    expect(replayed.map((e) => Number(e.id))).toEqual(missed);
    expect(JSON.parse(replayed[0]?.data ?? '{}')).toMatchObject({ id: missed[0], articleId: article.id });
    const live = await post();
    const next = await s.comments((ids) => ids.includes(live));
    expect(next.map((e) => Number(e.id))).toEqual([live]);
    s.close();
  });

  it('replays from the page’s newest comment on the first connection (lastEventId), and nothing without an id', async () => {
    const shown = await post();
    const since = await post();
    const first = await openStream(base, article.id, {}, `?lastEventId=${shown}`);
    expect((await first.comments((ids) => ids.length >= 1)).map((e) => Number(e.id))).toEqual([since]);
    first.close();
    const plain = await openStream(base, article.id);
    const live = await post();
    expect((await plain.comments((ids) => ids.includes(live))).map((e) => Number(e.id))).toEqual([live]);
    plain.close();
  });

  it(`replays at most ${REPLAY_LIMIT} comments`, async () => {
    const from = await post();
    const at = new Date().toISOString();
    for (let i = 0; i < REPLAY_LIMIT + 5; i++) {
      await insertComment(a.deps.db, { article_id: article.id, parent_id: null, user_id: null, author_name: 'Lot', author_email: null, ip_hash: null, body: `Lot ${i}`, html: `<p>Lot ${i}</p>`, status: 'published', reasons: [], scores: {}, created_at: at });
    }
    const s = await openStream(base, article.id, { 'last-event-id': String(from) });
    const live = await post();
    const events = await s.comments((ids) => ids.includes(live));
    expect(events).toHaveLength(REPLAY_LIMIT + 1);
    s.close();
  });

  it(`holds at most ${MAX_STREAMS_PER_ADDRESS} open streams per client address (429 beyond), and frees a slot on close`, async () => {
    const open = [];
    for (let i = 0; i < MAX_STREAMS_PER_ADDRESS; i++) {
      const s = await openStream(base, article.id);
      expect(s.res.status).toBe(200);
      open.push(s);
    }
    const refused = await fetch(`${base}/api/v1/articles/${article.id}/comments/events`);
    expect(refused.status).toBe(429);
    expect((await refused.json()) as { error: string; message: string }).toMatchObject({ error: 'too_many_streams', message: expect.stringContaining(String(MAX_STREAMS_PER_ADDRESS)) });
    open.pop()?.close();
    await expect
      .poll(async () => {
        const s = await openStream(base, article.id);
        s.close();
        return s.res.status;
      })
      .toBe(200);
    for (const s of open) s.close();
  });
}

describe.each(DIALECTS)('event stream replay and limits on %s (one instance)', (engine) => suite(engine, false));
describe.each(DIALECTS)('event stream replay and limits on %s with Redis (two instances)', needs('redis'), (engine) => suite(engine, true));

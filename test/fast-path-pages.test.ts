import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PageCache } from '../src/infra/page-cache';
import { MemoryPubSub } from '../src/infra/pubsub';
import { FastPages } from '../src/web/fast-path';

/** What the fast path wrote for one request, or undefined when it left the request to Fastify. */
function answer(pages: FastPages, url: string, headers: Record<string, string> = {}): { status: number; headers: Record<string, unknown> } | undefined {
  let written: { status: number; headers: Record<string, unknown> } | undefined;
  const res = {
    writeHead(status: number, h: Record<string, unknown>) {
      written = { status, headers: h };
      return res;
    },
    end() {
      return res;
    },
  } as unknown as ServerResponse;
  const req = { method: 'GET', url, headers } as unknown as IncomingMessage;
  const served = pages.serve(req, res);
  return served ? written : undefined;
}

describe('the fast path’s memory of answered pages', () => {
  const cache = new PageCache(new MemoryPubSub(), () => Date.now());
  cache.set('/a', { body: '<p>a</p>', contentType: 'text/html', tags: ['article:1'] }, 60_000);

  it('replays the headers the full path sent, never one that set a cookie', () => {
    const pages = new FastPages(cache);
    pages.remember('/with-cookie', '/a', { 'content-type': 'text/html', 'set-cookie': 'palabre_pending=1' });
    expect(answer(pages, '/with-cookie')).toBeUndefined();
    pages.remember('/plain', '/a', { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'", 'content-length': 3 });
    const plain = answer(pages, '/plain');
    expect(plain?.status).toBe(200);
    expect(plain?.headers['content-security-policy']).toBe("default-src 'self'");
    expect(plain?.headers['content-length']).toBe(Buffer.byteLength('<p>a</p>'));
  });

  it('leaves a dropped page, a cookie or a token to the full path', async () => {
    const pages = new FastPages(cache);
    pages.remember('/b', '/a', { 'content-type': 'text/html' });
    expect(answer(pages, '/b', { cookie: 'x=1' })).toBeUndefined();
    expect(answer(pages, '/b', { authorization: 'Bearer t' })).toBeUndefined();
    expect(answer(pages, '/b')?.status).toBe(200);
    await cache.invalidate(['article:1']);
    expect(answer(pages, '/b')).toBeUndefined();
  });
});

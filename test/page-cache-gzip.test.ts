import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PageCache } from '../src/infra/page-cache';
import { MemoryPubSub } from '../src/infra/pubsub';

describe('a cached page’s gzip', () => {
  const page = { body: '<p>Le fleuve a atteint la cote d’alerte.</p>'.repeat(50), contentType: 'text/html', tags: ['article:1'] };

  it('is the body compressed, made once and kept for every reader that asks', () => {
    const cache = new PageCache(new MemoryPubSub(), () => Date.now());
    const entry = cache.set('/a', page, 60_000);
    const first = entry.gzip;
    expect(gunzipSync(first).toString('utf8')).toBe(page.body);
    expect(first.length).toBeLessThan(entry.body.length);
    // The same buffer again: compressed once, not per request.
    expect(entry.gzip).toBe(first);
    expect(cache.get('/a')?.gzip).toBe(first);
  });

  it('is made for a page that is not kept too (a render that overlapped a change), when it is sent', () => {
    const cache = new PageCache(new MemoryPubSub(), () => Date.now());
    const since = cache.generation;
    void cache.invalidate(['article:1']);
    const entry = cache.set('/a', page, 60_000, since);
    expect(cache.get('/a')).toBeUndefined();
    expect(gunzipSync(entry.gzip).toString('utf8')).toBe(page.body);
  });
});

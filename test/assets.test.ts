import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetUrl, publicDir } from '../src/web/assets';
import { DIALECTS } from './support/dialects';
import { createTestApp, type TestApp } from './support/test-app';

describe.each(DIALECTS)('built assets on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the style sheet minified, precompressed at build time, cached for a year under a hashed URL', async () => {
    const url = assetUrl('site.css');
    expect(url).toMatch(/^\/assets\/site\.css\?v=[0-9a-f]{10}$/);
    const css = readFileSync(join(publicDir(), 'site.css'), 'utf8');
    expect(css.split('\n').length).toBeLessThan(5); // minified: no longer one rule per line
    expect(css.length).toBeLessThan(readFileSync(join(import.meta.dirname, '../src/web/assets/site.css'), 'utf8').length * 0.9);
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers['cache-control']).toContain('max-age=31536000');
    expect(br.rawPayload.equals(readFileSync(join(publicDir(), 'site.css.br')))).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(css);
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(css);
  });
});

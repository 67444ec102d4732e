import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, pathOf, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** A multipart body built by hand for inject (fields first, in order). */
function multipart(parts: { name: string; value: string | Buffer; filename?: string; type?: string }[]): { body: Buffer; type: string } {
  const boundary = `----palabre${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(typeof p.value === 'string' ? Buffer.from(p.value) : p.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function photo(width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'avif'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
  return img.toFormat(format).toBuffer();
}

describe.each(DIALECTS)('media on %s', (engine) => {
  let t: TestApp;
  let dir: string;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;

  const upload = (auth: Record<string, string>, file: Buffer, filename: string, type: string, alt?: string) => {
    const m = multipart([...(alt !== undefined ? [{ name: 'alt', value: alt }] : []), { name: 'file', value: file, filename, type }]);
    return t.app.inject({ method: 'POST', url: '/api/v1/media', headers: { ...auth, 'content-type': m.type }, payload: m.body });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'palabre-media-'));
    t = await createTestApp(engine, { env: { PALABRE_MEDIA_DIR: dir } });
    editor = await createUserWithToken(t.deps, 'editor');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a JPEG with WebP and AVIF renditions at several widths, served with long cache headers', async () => {
    const res = await upload(editor.auth, await photo(1200, 800, 'jpeg'), 'marché.jpg', 'image/jpeg', 'Le grand marché de Bamako');
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json<{ id: number; url: string; width: number; height: number; renditions: { width: number; url: string; type: string }[] }>();
    expect(m).toMatchObject({ width: 1200, height: 800 });
    expect(m.renditions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(m.renditions.map((r) => r.type))).toEqual(new Set(['image/webp', 'image/avif']));
    expect(new Set(m.renditions.map((r) => r.width))).toEqual(new Set([320, 640, 1024, 1200]));
    for (const r of m.renditions) {
      const file = await t.app.inject({ method: 'GET', url: pathOf(r.url) });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe(r.type);
      expect(String(file.headers['cache-control'])).toContain('immutable');
      const meta = await sharp(file.rawPayload).metadata();
      expect(meta.width).toBe(r.width);
      expect(meta.format).toBe(r.type === 'image/webp' ? 'webp' : 'heif');
    }
    const original = await t.app.inject({ method: 'GET', url: pathOf(m.url) });
    expect(original.headers['content-type']).toBe('image/jpeg');
  });

  it('takes PNG, WebP and AVIF too, and never makes renditions wider than the image', async () => {
    for (const format of ['png', 'webp', 'avif'] as const) {
      const res = await upload(editor.auth, await photo(300, 200, format), `petit.${format}`, `image/${format}`, 'Une vignette');
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json<{ renditions: { width: number }[] }>();
      expect(m.renditions.map((r) => r.width)).toEqual([300, 300]);
    }
  });

  it('refuses HTML disguised as a PNG, whatever its name or declared type, and other non-images', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const res = await upload(editor.auth, html, 'photo.png', 'image/png', 'x');
    expect([400, 415]).toContain(res.statusCode);
    expect(res.json().error).toBe('unsupported_image');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect((await upload(editor.auth, svg, 'logo.png', 'image/png', 'x')).statusCode).toBe(415);
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    expect((await upload(editor.auth, gif, 'anim.jpg', 'image/jpeg', 'x')).statusCode).toBe(415);
    const none = multipart([{ name: 'alt', value: 'x' }]);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/media', headers: { ...editor.auth, 'content-type': none.type }, payload: none.body });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('file');
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.concat([await photo(50, 50, 'png'), Buffer.alloc(11 * 1024 * 1024)]);
    const res = await upload(editor.auth, big, 'big.png', 'image/png', 'x');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('payload_too_large');
  });

  it('guards uploads by role', async () => {
    const img = await photo(100, 100, 'png');
    expect((await upload({ origin: 'http://localhost:3000' }, img, 'a.png', 'image/png', 'x')).statusCode).toBe(401);
    const reader = await createUserWithToken(t.deps, 'reader');
    expect((await upload(reader.auth, img, 'a.png', 'image/png', 'x')).statusCode).toBe(403);
    const moderator = await createUserWithToken(t.deps, 'moderator');
    expect((await upload(moderator.auth, img, 'a.png', 'image/png', 'x')).statusCode).toBe(403);
    const author = await createUserWithToken(t.deps, 'author');
    expect((await upload(author.auth, img, 'a.png', 'image/png', 'x')).statusCode).toBe(201);
  });

  it('puts the featured image on the article page with srcset, sizes and its alt text', async () => {
    const up = await upload(editor.auth, await photo(1800, 1000, 'jpeg'), 'une.jpg', 'image/jpeg', 'Des pirogues sur le Niger');
    const media = up.json<{ id: number }>();
    const dangling = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: editor.auth, payload: { title: 'Sans image', image: 999999 } });
    expect(dangling.statusCode).toBe(400);
    expect(dangling.json().field).toBe('image');
    const a = await createArticle(t, editor.auth, { title: 'Le fleuve', image: media.id });
    const page = await t.app.inject({ method: 'GET', url: pathOf(a.url) });
    const $ = cheerio.load(page.body);
    const img = $('figure.featured-image img');
    expect(img.attr('alt')).toBe('Des pirogues sur le Niger');
    expect(img.attr('width')).toBe('1800');
    const avif = $('figure.featured-image source[type="image/avif"]');
    expect(avif.attr('srcset')).toMatch(/\/media\/\w+-320\.avif 320w, .*-1600\.avif 1600w/);
    expect(avif.attr('sizes')).toBeTruthy();
    expect($('figure.featured-image source[type="image/webp"]').attr('srcset')).toContain('640w');
    // The same image for search engines and social cards.
    const full = `http://localhost:3000${img.attr('src') ?? ''}`;
    const ld = JSON.parse($('script[type="application/ld+json"]').text()) as { image?: string[] };
    expect(ld.image).toEqual([full]);
    expect($('meta[property="og:image"]').attr('content')).toBe(full);
  });

  it('shows the library page, requires alt text on the form, and uploads through it', async () => {
    const s = await sessionFor(t.deps, editor.id);
    const page = await t.app.inject({ method: 'GET', url: '/admin/media', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Médiathèque');
    expect(page.body).toContain('Des pirogues sur le Niger');
    const img = await photo(400, 300, 'webp');
    const noAlt = multipart([{ name: '_csrf', value: s.csrf }, { name: 'alt', value: ' ' }, { name: 'file', value: img, filename: 'x.webp', type: 'image/webp' }]);
    const refused = await t.app.inject({ method: 'POST', url: '/admin/media', headers: { ...s.headers, 'content-type': noAlt.type }, payload: noAlt.body });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('role="alert"');
    const noCsrf = multipart([{ name: 'alt', value: 'Texte' }, { name: 'file', value: img, filename: 'x.webp', type: 'image/webp' }]);
    expect((await t.app.inject({ method: 'POST', url: '/admin/media', headers: { ...s.headers, 'content-type': noCsrf.type }, payload: noCsrf.body })).statusCode).toBe(403);
    const ok = multipart([{ name: '_csrf', value: s.csrf }, { name: 'alt', value: 'Un baobab' }, { name: 'file', value: img, filename: 'x.webp', type: 'image/webp' }]);
    const res = await t.app.inject({ method: 'POST', url: '/admin/media', headers: { ...s.headers, 'content-type': ok.type }, payload: ok.body });
    expect(res.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/admin/media', headers: { cookie: s.cookie } });
    expect(after.body).toContain('Un baobab');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleSlug, isArticleSlug, slugify } from '../../src/modules/articles/slug';
import { importedSlug } from '../../src/modules/importers/html-to-markdown';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, pathOf } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('article slugs in any script', () => {
  it('keeps letters of other scripts, lower case, NFC; folds Latin accents as before', () => {
    expect(articleSlug('Привет, мир !')).toBe('привет-мир');
    expect(articleSlug('Йошкар-Ола')).toBe('йошкар-ола');
    expect(articleSlug('नमस्ते दुनिया')).toBe('नमस्ते-दुनिया');
    expect(articleSlug('東京の天気')).toBe('東京の天気');
    expect(articleSlug('Été 2024 : l’œuvre')).toBe('ete-2024-l-oeuvre');
    expect(articleSlug('Ärger über Straße')).toBe(slugify('Ärger über Straße'));
    expect(articleSlug('—')).toBe('article');
    expect(Array.from(articleSlug('щ'.repeat(200)))).toHaveLength(80);
    // й stays й (not и + a stripped mark), in its composed form.
    expect(articleSlug('Й')).toBe('й'.normalize('NFC'));
  });

  it('accepts stored slugs and refuses upper case, spaces and decomposed text', () => {
    for (const s of ['привет-мир', 'ete-2024', 'नमस्ते-दुनिया', '東京の天気']) expect(isArticleSlug(s), s).toBe(true);
    for (const s of ['Привет', 'привет мир', '-привет', 'привет--мир', 'й'.normalize('NFD'), 'a/b', '']) expect(isArticleSlug(s), s).toBe(false);
  });

  it('decodes a WordPress percent-encoded slug and keeps it readable', () => {
    expect(importedSlug('%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82-%d0%bc%d0%b8%d1%80')).toBe('привет-мир');
    expect(importedSlug('hello-world')).toBe('hello-world');
    expect(importedSlug('')).toBe('');
  });
});

describe.each(DIALECTS)('Unicode article slugs in the newsroom on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
  });
  afterAll(async () => t?.close());

  it('derives a Cyrillic slug from a Cyrillic title, accepts one typed in the editor, refuses upper case, and keeps ASCII slugs as they were', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Новости дня' });
    expect(a.slug).toBe('новости-дня');
    expect(pathOf(a.url)).toBe(`/a/${encodeURIComponent('новости-дня')}`);
    expect((await t.app.inject({ method: 'GET', url: pathOf(a.url) })).statusCode).toBe(200);
    const b = await createArticle(t, editor.auth, { title: 'Новости дня' });
    expect(b.slug).toBe('новости-дня-2');
    // Typed decomposed (as some keyboards send it): stored composed.
    const typed = 'погода-в-йошкар-оле'.normalize('NFD');
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${b.id}`, headers: editor.auth, payload: { slug: typed } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<{ slug: string }>().slug).toBe('погода-в-йошкар-оле'.normalize('NFC'));
    const moved = await t.app.inject({ method: 'GET', url: pathOf(b.url) });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(`/a/${encodeURIComponent('погода-в-йошкар-оле')}`);
    const refused = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${b.id}`, headers: { ...editor.auth, 'accept-language': 'en' }, payload: { slug: 'Погода' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('slug');
    const latin = await createArticle(t, editor.auth, { title: 'Œuvres d’État : l’été à Ségou' });
    expect(latin.slug).toBe('oeuvres-d-etat-l-ete-a-segou');
    expect(pathOf(latin.url)).toBe('/a/oeuvres-d-etat-l-ete-a-segou');
  });
});

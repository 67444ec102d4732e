import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_STATUSES } from '../src/modules/comments/comment';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, pathOf } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';

const seedPath = join(import.meta.dirname, 'fixtures/seed-mali-russia.txt');
const lines = readFileSync(seedPath, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
const story = lines.slice(0, 6);
const comments = lines.slice(6, 11);

describe.each(DIALECTS)('the seed story on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;
  const results: { id: number; status: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
    const section = await t.app.inject({ method: 'POST', url: '/api/v1/sections', headers: editor.auth, payload: { name: 'Afrique' } });
    expect(section.statusCode).toBe(201);
    article = await createArticle(t, editor.auth, {
      title: 'Deux hauts responsables militaires maliens en visite discrète en Russie',
      body: story.join('\n\n'),
      summary: story[0],
      section: 'afrique',
      dateline: 'BAMAKO',
      publishAt: '2022-03-08T09:00:00.000Z',
    });
  });
  afterAll(async () => t?.close());

  it('publishes the story with its own publication date', async () => {
    expect(article.status).toBe('published');
    expect(article.publishedAt).toBe('2022-03-08T09:00:00.000Z');
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="fr"');
    expect(page.body).toContain('Sadio Camara');
    expect(page.body).toContain('BAMAKO');
    expect(page.body).toContain('Rédaction');
  });

  it('takes the five reader comments from five guests at five addresses', async () => {
    for (const [i, body] of comments.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${article.id}/comments`,
        remoteAddress: `203.0.113.${10 + i}`,
        payload: { body, name: `Lecteur ${i + 1}`, email: `lecteur${i + 1}@example.test`, token: readerToken(t, article.id) },
      });
      expect(res.statusCode, res.body).toBe(201);
      const json = res.json<{ id: number; status: string; reasons: unknown[] }>();
      expect(COMMENT_STATUSES).toContain(json.status);
      expect(Array.isArray(json.reasons)).toBe(true);
      results.push(json);
    }
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` });
    const listed = list.json<{ comments: { id: number; body: string; author: Record<string, unknown> }[] }>().comments;
    for (const [i, r] of results.entries()) {
      const shown = page.body.includes(`id="comment-${r.id}"`);
      expect(shown).toBe(r.status === 'published');
      expect(listed.some((c) => c.id === r.id)).toBe(r.status === 'published');
      if (r.status === 'published') expect(page.body).toContain(`Lecteur ${i + 1}`);
    }
    expect(results.some((r) => r.status === 'published')).toBe(true);
    // Never an email or an address to the public.
    expect(page.body).not.toContain('@example.test');
    expect(page.body).not.toContain('203.0.113.');
    for (const c of listed) expect(Object.keys(c.author)).toEqual(['name']);
    expect(list.body).not.toContain('@example.test');
  });

  it('closes the discussion, keeps the comments, and refuses new ones with 403 comments_closed', async () => {
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.id}`, headers: editor.auth, payload: { commentsOpen: false } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().commentsOpen).toBe(false);
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    expect(page.body).toContain('Les commentaires sont fermés.');
    expect(page.body).not.toContain('id="comment-form"');
    for (const r of results.filter((x) => x.status === 'published')) expect(page.body).toContain(`id="comment-${r.id}"`);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: '203.0.113.99',
      payload: { body: 'Encore un avis sur la question.', name: 'Tardif', email: 'tardif@example.test' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('comments_closed');
  });

  it('closes discussions older than closeAfterDays', async () => {
    const other = await createArticle(t, editor.auth, { title: 'Archive', publishAt: '2022-03-01T09:00:00.000Z' });
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { closeAfterDays: 14 } });
    expect(put.statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: pathOf(other.url) });
    expect(page.body).toContain('Les commentaires sont fermés.');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${other.id}/comments`,
      payload: { body: 'Un commentaire tardif.', name: 'A', email: 'a@example.test' },
    });
    expect(res.json().error).toBe('comments_closed');
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { closeAfterDays: 0 } });
  });
});

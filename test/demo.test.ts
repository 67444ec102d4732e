import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo';
import { DEMO_ARTICLES, DEMO_SECTIONS } from '../src/demo/demo.content';
import { DIALECTS } from './support/dialects';
import { createTestApp, type TestApp } from './support/test-app';

describe.each(DIALECTS)('the demo newsroom on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('loads into an empty site through the modules’ services, once', async () => {
    expect(await loadDemo(t.deps)).toBe(true);
    const users = await t.deps.db.selectFrom('users').select(['email', 'role', 'password_hash']).orderBy('id').execute();
    expect(users).toEqual([
      { email: 'redaction@palabre.example', role: 'editor', password_hash: null },
      { email: 'moussa@palabre.example', role: 'author', password_hash: null },
    ]);
    const sections = await t.app.inject({ method: 'GET', url: '/api/v1/sections' });
    expect(sections.json<{ sections: { slug: string }[] }>().sections.map((s) => s.slug).sort()).toEqual(DEMO_SECTIONS.map((s) => s.slug).sort());
    const articles = await t.app.inject({ method: 'GET', url: '/api/v1/articles?limit=100' });
    const listed = articles.json<{ articles: { title: string; status: string }[] }>().articles;
    expect(listed.map((a) => a.title).sort()).toEqual(DEMO_ARTICLES.map((a) => a.title).sort());
    expect(new Set(listed.map((a) => a.status))).toEqual(new Set(['published']));

    // A site with accounts is left alone.
    expect(await loadDemo(t.deps)).toBe(false);
    expect(Number((await t.deps.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(2);
  });
});

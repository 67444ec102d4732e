import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken, sessionFor } from '../../../test/support/factories';
import { createTestApp, fakeClock, type TestApp } from '../../../test/support/test-app';

let n = 0;
/** Every data row of the CSV is a row of the page's tables, cell for cell (text cells escaped as Preact does). */
function expectCsvInTables(csv: string, page: string): void {
  const all: string[][] = parse(csv, { relax_column_count: true });
  const rows = all.filter((r) => ['hourly', 'delay', 'falseHolds', 'hot'].includes(r[0] ?? ''));
  expect(rows.length).toBeGreaterThan(72);
  const esc = (v: string) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  for (const [, head, ...cells] of rows) expect(page).toContain(`<tr><th scope="row">${esc(head ?? '')}</th>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
}

describe.each(DIALECTS)('moderation stats on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-03-08T10:05:00.000Z'));
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let reader: Awaited<ReturnType<typeof createUserWithToken>>;

  const post = async (articleId: number, body: string) => {
    n += 1;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: `198.51.100.${n}`, payload: { body, name: `Lecteur ${n}`, email: `s${n}@example.test` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; status: string }>();
  };
  const decide = (id: number, action: string) => t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/moderation`, headers: moderator.auth, payload: { action } });

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    const editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    reader = await createUserWithToken(t.deps, 'reader');
    const held = await createArticle(t, editor.auth, { title: 'Une histoire <retenue>' });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${held.id}`, headers: editor.auth, payload: { moderation: 'pre' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const open = await createArticle(t, editor.auth, { title: 'Une histoire ouverte' });
    const a = await post(held.id, 'Un avis mesuré sur la question des transports publics.');
    const b = await post(held.id, 'Un second avis, posé, sur les horaires des trains régionaux.');
    const c = await post(open.id, 'Merci pour cet article très complet sur la région.');
    expect([a.status, b.status, c.status]).toEqual(['pending', 'pending', 'published']);
    clock.advance(10 * 60_000);
    expect((await decide(a.id, 'approve')).statusCode).toBe(200);
    clock.advance(20 * 60_000);
    expect((await decide(b.id, 'reject')).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('refuses anonymous readers and non-moderators', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/admin/moderation/stats' })).statusCode).toBe(303);
    const s = await sessionFor(t.deps, reader.id);
    expect((await t.app.inject({ method: 'GET', url: '/admin/moderation/stats', headers: s.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/admin/moderation/stats.csv', headers: s.headers })).statusCode).toBe(403);
  });

  it('renders charts and tables from the posted and decided comments, and the CSV holds the same figures', async () => {
    const s = await sessionFor(t.deps, moderator.id);
    const page = await t.app.inject({ method: 'GET', url: '/admin/moderation/stats', headers: s.headers });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<figcaption>Commentaires par heure');
    expect(page.body.match(/<svg/g)?.length).toBe(4);
    expect(page.body).toContain('<th scope="row">Une histoire &lt;retenue></th><td>2</td><td>Prémodération</td>');

    const csv = await t.app.inject({ method: 'GET', url: '/admin/moderation/stats.csv', headers: s.headers });
    expect(csv.statusCode).toBe(200);
    const rows: string[][] = parse(csv.body, { relax_column_count: true });
    const of = (id: string) => rows.filter((r) => r[0] === id).map((r) => r.slice(1));
    // The 10:00 hour: one approved (published), one rejected; the open story's one published.
    const hour = of('hourly').find((r) => r[0] === '2026-03-08T10:00:00.000Z');
    expect(hour).toEqual(['2026-03-08T10:00:00.000Z', '2', '0', '0', '1', '0']);
    expect(of('hourly')).toHaveLength(72);
    // Waits of 10 and 30 minutes: median 10, 90th percentile 30.
    expect(of('delay')).toEqual([['2', '10', '30']]);
    // Two held comments decided, one approved: 50 % against the 3 % budget.
    expect(of('falseHolds')).toEqual([['2', '1', '50', '3']]);
    expect(of('hot').map((r) => [r[0], r[1], r[2]])).toEqual([['Une histoire <retenue>', '2', 'Prémodération'], ['Une histoire ouverte', '1', 'Réglage du site']]);
    expectCsvInTables(csv.body, page.body);
  });

  it('speaks English to a moderator who chose it', async () => {
    const { setUserLocale } = await import('../accounts/auth.service');
    await setUserLocale(t.deps, { id: moderator.id, email: moderator.email, name: 'm', role: 'moderator', locale: null }, 'en');
    const s = await sessionFor(t.deps, moderator.id);
    const en = await t.app.inject({ method: 'GET', url: '/admin/moderation/stats', headers: s.headers });
    expect(en.body).toContain('<figcaption>Comments per hour over three days, by outcome</figcaption>');
    expect(en.body).toContain('<td>Pre-moderation</td>');
    const csv = await t.app.inject({ method: 'GET', url: '/admin/moderation/stats.csv', headers: s.headers });
    expect(csv.body.split('\n')[0]).toBe('figure,Hour (UTC),Published,Held,"Published, listed for review",Rejected,Spam');
    expect(csv.body).toContain('Pre-moderation');
    expectCsvInTables(csv.body, en.body);
  });
});

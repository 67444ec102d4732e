import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredAddresses } from '../../src/modules/privacy/privacy.service';
import { hashIp } from '../../src/web/security';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';

/**
 * Every column that may hold a client address's HMAC, and how retention forgets it. A new
 * column named like an address, or found holding one, that is not listed here fails the test:
 * its owner must add it to the address retention (privacy.service purgeExpiredAddresses).
 */
const ADDRESS_COLUMNS = ['comments.ip_hash', 'comment_likes.liker', 'comment_reports.reporter', 'moderation_bans.value'];
/** Columns holding a hash derived from the address (not the HMAC itself): their rows go. */
const DERIVED_COLUMNS = ['comment_idempotency.key_hash'];
const ADDRESS_NAME = /(^|_)(ip|ips|addr|address|addresses|liker|reporter|client)(_|$)|ip_hash/;

type Column = { table: string; column: string };

async function columns(t: TestApp): Promise<Column[]> {
  const rows =
    t.engine === 'sqlite'
      ? await sql<Column>`select m.name as "table", p.name as "column" from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%'`.execute(t.deps.db)
      : await sql<Column>`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = current_schema()`.execute(t.deps.db);
  return rows.rows;
}

async function holding(t: TestApp, cols: Column[], needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const c of cols) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(c.table)} where cast(${sql.ref(c.column)} as text) like ${`%${needle}%`}`.execute(t.deps.db);
    if (Number(r.rows[0]?.n) > 0) found.push(`${c.table}.${c.column}`);
  }
  return found;
}

describe.each(DIALECTS)('address retention forgets every address HMAC, on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-01-10T10:00:00.000Z'));
  const writer = '203.0.113.61';
  const reader = '203.0.113.62';
  let hmacs: string[];

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    hmacs = [hashIp(t.deps.secret, writer), hashIp(t.deps.secret, reader)];
    const editor = await createUserWithToken(t.deps, 'editor');
    const moderator = await createUserWithToken(t.deps, 'moderator');
    const article = await createArticle(t, editor.auth, { title: 'La mémoire des adresses', publishAt: '2026-01-01T09:00:00.000Z' });
    await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { minSubmitSeconds: 0, floodSeconds: 0 } });
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${article.id}/comments`,
      remoteAddress: writer,
      headers: { 'idempotency-key': 'retention-key' },
      payload: { body: 'Un avis dont l’adresse doit être oubliée.', name: 'Awa', email: 'awa@example.test' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json<{ id: number }>().id;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/likes`, remoteAddress: reader })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/reports`, remoteAddress: reader, payload: {} })).statusCode).toBe(201);
    const ban = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/bans', headers: moderator.auth, payload: { commentId: id, kind: 'address', until: '2026-01-20' } });
    expect(ban.statusCode, ban.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('lists every column holding an address HMAC, and each is empty of them after the retention period', async () => {
    const all = await columns(t);
    const named = all.filter((c) => ADDRESS_NAME.test(c.column)).map((c) => `${c.table}.${c.column}`);
    const found = [...(await holding(t, all, hmacs[0] ?? '')), ...(await holding(t, all, hmacs[1] ?? ''))];
    const known = [...ADDRESS_COLUMNS, ...DERIVED_COLUMNS];
    // Any column named like an address or holding one must be known to retention.
    for (const c of new Set([...named, ...found])) expect(known, `${c} holds client addresses: add it to address retention`).toContain(c);
    // Each known column really held an address before the purge (the test can fail).
    for (const c of ADDRESS_COLUMNS) expect(found, c).toContain(c);
    expect(Number((await t.deps.db.selectFrom('comment_idempotency').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(1);

    // Ninety days (the default retention) after the ban ended, and one more.
    clock.set(new Date('2026-04-21T10:00:00.000Z'));
    await purgeExpiredAddresses(t.deps);
    const after = all.filter((c) => known.includes(`${c.table}.${c.column}`));
    expect(await holding(t, after, hmacs[0] ?? '')).toEqual([]);
    expect(await holding(t, after, hmacs[1] ?? '')).toEqual([]);
    expect(Number((await t.deps.db.selectFrom('comment_idempotency').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    // The report itself stays (it counted toward hiding the comment), without the address.
    const reports = await t.deps.db.selectFrom('comment_reports').select('reporter').execute();
    expect(reports.map((r) => r.reporter)).toEqual([expect.stringMatching(/^forgotten:\d+$/)]);
  });

  it('keeps the address of a ban still in force, and forgets the comment’s after the period', async () => {
    const moderator = await createUserWithToken(t.deps, 'moderator', 'Modo 2');
    const article = await t.deps.db.selectFrom('articles').select('id').executeTakeFirstOrThrow();
    const troll = '203.0.113.63';
    const posted = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: troll, payload: { body: 'Un avis d’une adresse bannie pour de bon.', name: 'Troll', email: 'troll@example.test' } });
    expect(posted.statusCode, posted.body).toBe(201);
    const ban = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/bans', headers: moderator.auth, payload: { commentId: posted.json<{ id: number }>().id, kind: 'address' } });
    expect(ban.statusCode, ban.body).toBe(201);
    clock.advance(200 * 86_400_000);
    await purgeExpiredAddresses(t.deps);
    const row = await t.deps.db.selectFrom('moderation_bans').select('value').where('id', '=', ban.json<{ id: number }>().id).executeTakeFirstOrThrow();
    expect(row.value).toBe(hashIp(t.deps.secret, troll));
    const comment = await t.deps.db.selectFrom('comments').select('ip_hash').where('id', '=', posted.json<{ id: number }>().id).executeTakeFirstOrThrow();
    expect(comment.ip_hash).toBeNull();
  });
});

import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShaped } from '../../src/db/statement-shapes';
import { findMappings, insertMappings } from '../../src/modules/importers/import.repository';
import { fts5Index } from '../../src/modules/search/search.fts5.repository';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';

/** Counts the statements a Kysely handle runs (raw ones included). */
function counting(): KyselyPlugin & { count: number } {
  const p = {
    count: 0,
    transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
      p.count += 1;
      return args.node;
    },
    transformResult: (args: Parameters<KyselyPlugin['transformResult']>[0]) => Promise.resolve(args.result),
  };
  return p;
}

describe.each(DIALECTS)('bulk statements of an import on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('compiles a shape once and runs it again with new values, each statement writing and reading its own', async () => {
    let built = 0;
    const row = (id: string) => ({ source: 'shapes', kind: 'comment', external_id: id, local_id: Number(id), data: null, created_at: '2026-01-01T00:00:00.000Z' });
    const insert = (id: string) => {
      const r = row(id);
      return runShaped(t.deps.db, 'test.insert.1', [r.source, r.kind, r.external_id, r.local_id, r.data, r.created_at], () => {
        built += 1;
        return t.deps.db.insertInto('import_map').values(r);
      });
    };
    await insert('1');
    await insert('2');
    await insert('3');
    expect(built).toBe(1);
    const rows = await t.deps.db.selectFrom('import_map').select(['external_id', 'local_id']).where('source', '=', 'shapes').orderBy('local_id').execute();
    expect(rows).toEqual([1, 2, 3].map((n) => ({ external_id: String(n), local_id: n })));
  });

  it('never reuses a shape whose parameters are not the ones Kysely wrote: it is compiled each time', async () => {
    let built = 0;
    const select = (id: string) =>
      runShaped(t.deps.db, 'test.select.wrong', [id], () => {
        built += 1;
        return t.deps.db.selectFrom('import_map').select('local_id').where('source', '=', 'shapes').where('external_id', '=', id);
      });
    expect(await select('1')).toEqual([{ local_id: 1 }]);
    expect(await select('2')).toEqual([{ local_id: 2 }]);
    expect(built).toBe(2);
  });

  it('finds and records mappings through the shapes, whatever the chunk sizes', async () => {
    const ids = Array.from({ length: 1203 }, (_, i) => `m${i}`);
    await insertMappings(t.deps.db, ids.map((id, i) => ({ source: 'chunks', kind: 'comment', external_id: id, local_id: i, data: null, created_at: '2026-01-01T00:00:00.000Z' })));
    // Again, with a few new ones: those already there are left as they were.
    await insertMappings(t.deps.db, [...ids.slice(0, 3), 'new'].map((id) => ({ source: 'chunks', kind: 'comment', external_id: id, local_id: 9999, data: null, created_at: '2026-01-01T00:00:00.000Z' })));
    const found = await findMappings(t.deps.db, 'chunks', 'comment', [...ids, 'new', 'absent']);
    expect(found.size).toBe(1204);
    expect(found.get('m0')?.local_id).toBe(0);
    expect(found.get('m1202')?.local_id).toBe(1202);
    expect(found.get('new')?.local_id).toBe(9999);
    expect(found.has('absent')).toBe(false);
  });
});

// FTS5 is SQLite's index (PostgreSQL's keys its rows by article).
describe('search rank keys of SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('gives an article whose rank key is taken a free key in a few statements, however many articles share its millisecond', async () => {
    const at = '2022-03-08T09:00:00.000Z';
    const span = 2 ** 11;
    const base = Date.parse(at) * span;
    // Every key of that millisecond taken (2,048 articles published then), and the first of the next.
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${span}) insert into search_meta (rank_key, article_id, section_id) select ${base} + i, 100000 + i, null from n`.execute(t.deps.db);
    const plugin = counting();
    const db = t.deps.db.withPlugin(plugin);
    const doc = (articleId: number) => ({ articleId, lang: 'fr' as const, title: `Titre ${articleId}`, summary: '', body: 'Le conseil municipal a voté le budget.', extra: '', plain: '', publishAt: at, sectionId: null, slug: `titre-${articleId}`, articleLang: 'fr' });
    await fts5Index.upsert(db, doc(3 * span + 5));
    await fts5Index.upsert(db, doc(4 * span + 5));
    // Per article: three statements removing its old entry, a few finding the key, three writing it (the probe was one per key taken).
    expect(plugin.count).toBeLessThanOrEqual(2 * 10);
    const keys = await sql<{ article_id: number; rank_key: number }>`select article_id, rank_key from search_meta where article_id < 100000 order by rank_key`.execute(t.deps.db);
    expect(keys.rows).toEqual([
      { article_id: 3 * span + 5, rank_key: base + span + 1 },
      { article_id: 4 * span + 5, rank_key: base + span + 2 },
    ]);
    const hits = await fts5Index.query(t.deps.db, { words: ['conseil'], now: '2026-01-01T00:00:00.000Z', limit: 10, offset: 0 });
    expect(hits.map((h) => h.id).sort()).toEqual([3 * span + 5, 4 * span + 5]);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_PAGE_CACHE_KIB, withImportCache } from '../../src/modules/importers/import.window';
import { createTestApp, type TestApp } from '../support/test-app';

// SQLite's page cache and WAL checkpoints are per connection; PostgreSQL's are the server's (left alone).
describe("the import's page cache on SQLite", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  const settings = async () => ({
    cache: (await sql<{ cache_size: number }>`pragma cache_size`.execute(t.deps.db)).rows[0]?.cache_size,
    wal: (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(t.deps.db)).rows[0]?.wal_autocheckpoint,
  });

  it('is larger while the import runs, its WAL checkpointed as rarely, and put back after, also when the import fails', async () => {
    const before = await settings();
    const pageSize = (await sql<{ page_size: number }>`pragma page_size`.execute(t.deps.db)).rows[0]?.page_size ?? 0;
    const during = await withImportCache(t.deps, settings);
    expect(during).toEqual({ cache: -IMPORT_PAGE_CACHE_KIB, wal: (IMPORT_PAGE_CACHE_KIB * 1024) / pageSize });
    expect(during).not.toEqual(before);
    expect(await settings()).toEqual(before);
    await expect(withImportCache(t.deps, () => Promise.reject(new Error('broken file')))).rejects.toThrow('broken file');
    expect(await settings()).toEqual(before);
  });
});

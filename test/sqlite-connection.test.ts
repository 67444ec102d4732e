import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/db/connect';

describe("a SQLite file's connection", () => {
  it('runs in WAL with synchronous NORMAL and foreign keys, and keeps statement journals in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palabre-connection-'));
    const database = await connect(`sqlite:${join(dir, 'site.db')}`);
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as Record<string, unknown>)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('foreign_keys')).toBe(1);
      // 2 = MEMORY. A group's multi-row INSERT keeps an undo copy of each page it changes (the
      // statement journal); past 64 KiB SQLite's default moves it to a temporary file, created and
      // deleted at each group of new comments (docs/performance.md, sixteenth round).
      expect(await pragma('temp_store')).toBe(2);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

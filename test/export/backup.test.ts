import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreBackup } from '../../src/modules/export/backup.service';
import { ImportFormatError } from '../../src/modules/importers/importer.errors';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe.each(DIALECTS)('backup and restore on %s', (engine) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-backup-'));

  beforeAll(async () => {
    // pg_restore --clean works on a whole database: this test gets one of its own.
    t = await createTestApp(engine, { ownDatabase: true });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a consistent copy with the engine’s own tool while the site runs, and puts it back', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const kept = await createArticle(t, editor.auth, { title: 'Gardé par la sauvegarde' });
    const file = join(dir, 'palabre.backup');
    // Writes go on during the backup: the copy is one consistent state, whatever it is.
    const [result] = await Promise.all([backupDatabase(t.deps, file), createArticle(t, editor.auth, { title: 'Écrit pendant la sauvegarde' })]);
    expect(result.method).toBe(engine === 'sqlite' ? 'sqlite-backup-api' : 'pg_dump');
    expect(result.bytes).toBeGreaterThan(0);
    expect(readFileSync(file).subarray(0, 15).toString('latin1').startsWith(engine === 'sqlite' ? 'SQLite format 3' : 'PGDMP')).toBe(true);

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/articles/${kept.id}`, headers: editor.auth });
    expect(del.statusCode).toBe(204);
    const restored = await restoreBackup(t.deps, file);
    expect(restored.method).toBe(engine === 'sqlite' ? 'sqlite-backup-api' : 'pg_restore');
    const row = await t.deps.db.selectFrom('articles').select('title').where('id', '=', kept.id).executeTakeFirst();
    expect(row?.title).toBe('Gardé par la sauvegarde');
  });

  it('refuses a file that is no backup with one clear error', async () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'bonjour');
    await expect(restoreBackup(t.deps, junk)).rejects.toBeInstanceOf(ImportFormatError);
    await expect(restoreBackup(t.deps, join(dir, 'absent'))).rejects.toThrow(/no such file/);
  });
});

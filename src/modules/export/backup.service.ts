import { closeSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Deps } from '../../deps';
import { checkReadable } from '../importers/importer.cli';
import { ImportFormatError } from '../importers/importer.errors';
import { exportJsonl } from './export.service';
import { importPalabre } from './restore.service';

/** What a backup or restore did. */
export interface BackupResult {
  file: string;
  /** `sqlite-backup-api`, `pg_dump`, or `export` (JSON Lines, when pg_dump is not installed). */
  method: string;
  bytes: number;
}

/**
 * `palabre backup FILE`: a consistent copy while the site runs. SQLite: the backup
 * API; PostgreSQL: pg_dump (custom format), or a Palabre export when pg_dump is
 * not installed. Written next to FILE then renamed, so FILE is never half-written.
 */
export async function backupDatabase(deps: Deps, file: string): Promise<BackupResult> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    let method: string | undefined = await deps.dialect.nativeBackup(deps.database.location, deps.database.schema, partial);
    if (!method) {
      await exportJsonl(deps, partial);
      method = 'export';
    }
    renameSync(partial, file);
    return { file, method, bytes: statSync(file).size };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(32);
    const n = readSync(fd, buf, 0, 32, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * `palabre backup restore FILE`, with the site stopped: a native backup goes back
 * through the engine's own tool; a Palabre export is imported into the (empty) database.
 */
export async function restoreBackup(deps: Deps, file: string): Promise<BackupResult> {
  checkReadable(file);
  const magic = head(file);
  const native = magic.startsWith('SQLite format 3') || magic.startsWith('PGDMP');
  if (native) {
    if (!(await deps.dialect.nativeRestore(deps.database.location, file))) throw new ImportFormatError('this backup needs pg_restore, which is not installed');
    return { file, method: magic.startsWith('PGDMP') ? 'pg_restore' : 'sqlite-backup-api', bytes: statSync(file).size };
  }
  if (!magic.startsWith('{')) throw new ImportFormatError(`${file} is not a Palabre backup (neither SQLite, pg_dump nor a Palabre export)`);
  await importPalabre(deps, file);
  return { file, method: 'export', bytes: statSync(file).size };
}

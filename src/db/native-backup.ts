import { spawn } from 'node:child_process';
import SqliteDatabase from 'better-sqlite3';

/** How a native backup was made, or undefined when the engine's tool is not installed. */
export type NativeBackupKind = 'sqlite-backup-api' | 'pg_dump';

/**
 * SQLite: a consistent online copy through SQLite's backup API (better-sqlite3's
 * `backup()`), taken page by page from a separate read-only connection while
 * the site keeps writing (WAL).
 */
export async function sqliteBackup(file: string, target: string): Promise<NativeBackupKind> {
  if (file === ':memory:') throw new Error('an in-memory database cannot be backed up; use palabre export');
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return 'sqlite-backup-api';
}

/** SQLite restore: the backup file copied into the database file with the same API (the site must be stopped). */
export async function sqliteRestore(file: string, backup: string): Promise<void> {
  const source = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}

function run(cmd: string, args: string[]): Promise<'ok' | 'missing'> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve('missing') : reject(err)));
    child.on('close', (code) => (code === 0 ? resolve('ok') : reject(new Error(`${cmd} failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`))));
  });
}

function pgArgs(url: string): { url: string; schema: string | undefined } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  return { url: u.toString(), schema };
}

/** PostgreSQL: `pg_dump --format=custom` of Palabre's schema (a consistent snapshot); undefined when pg_dump is absent. */
export async function pgDump(url: string, schema: string | undefined, target: string): Promise<NativeBackupKind | undefined> {
  const a = pgArgs(url);
  const ns = schema ?? a.schema;
  const r = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...(ns ? [`--schema=${ns}`] : []), `--file=${target}`, `--dbname=${a.url}`]);
  return r === 'ok' ? 'pg_dump' : undefined;
}

/** PostgreSQL restore of a pg_dump file: the schema's objects dropped and recreated (`pg_restore --clean`). */
export async function pgRestore(url: string, backup: string): Promise<boolean> {
  const a = pgArgs(url);
  const r = await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${a.url}`, backup]);
  return r === 'ok';
}

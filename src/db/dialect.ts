import { pgDump, pgRestore, sqliteBackup, sqliteRestore, type NativeBackupKind } from './native-backup';
import { writeTurns } from './write-turns';
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type Transaction } from 'kysely';

/** The engines Palabre runs on. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL, as capabilities.
 * This is the only place in the code base that asks which engine runs.
 */
export interface Dialect {
  readonly engine: Engine;
  /** Adds an auto-incrementing integer primary key column named `id`. */
  addIdColumn<T extends string, C extends string>(tb: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'>;
  /**
   * Runs fn in a write transaction: BEGIN IMMEDIATE on SQLite (so concurrent
   * writers queue on busy_timeout instead of failing), a normal transaction on PostgreSQL.
   */
  writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Full-text engine: an FTS5 virtual table (SQLite) or a `tsvector` column with a GIN index (PostgreSQL). */
  readonly fullText: 'fts5' | 'tsvector';
  /** After rows were inserted with explicit ids (a restore): moves the table's id generator past them. */
  syncIdSequence<DB>(db: Kysely<DB>, table: string): Promise<void>;
  /** A consistent online copy of the database into target (SQLite's backup API, pg_dump); undefined when the tool is missing. */
  nativeBackup(location: string, schema: string | undefined, target: string): Promise<NativeBackupKind | undefined>;
  /** Puts a nativeBackup file back; false when the tool is missing. */
  nativeRestore(location: string, backup: string): Promise<boolean>;
  /** What a driver error means for the client, or undefined when it is a bug of ours. */
  classifyError(err: unknown): DbFault | undefined;
  /** Largest value an `id` column holds (a bigger id cannot name a row). */
  readonly maxId: number;
  /**
   * Whether the database's own connections copy its write-ahead log into the database file
   * (SQLite's checkpoints, which a background thread can take over: db/checkpointer.ts), rather than the server.
   */
  readonly clientCheckpoints: boolean;
  /**
   * Whether one connection at a time may write, over every process on the database (SQLite's
   * write lock), so the processes of a cluster are better off taking turns (db/write-turns.ts).
   */
  readonly oneWriter: boolean;
  /**
   * For a long bulk write (an import) on this handle's connection: a page cache of `kib`
   * KiB instead of the default 2 MiB, and as much written to the WAL between two
   * checkpoints instead of 1,000 pages (SQLite; PostgreSQL's cache and checkpoints are the
   * server's, untouched). Returns what puts the previous settings back.
   */
  bulkWriteCache<DB>(db: Kysely<DB>, kib: number): Promise<() => Promise<void>>;
}

/**
 * Driver errors the client caused or cannot help: `unique` (a unique constraint
 * refused the row: a race or a duplicate, 409), `out_of_range` (a number the column
 * cannot hold), `bad_text` (text the engine cannot store, such as NUL on PostgreSQL),
 * `unavailable` (the database is down, restarting, or too slow: 503, retry).
 */
export type DbFault = 'unique' | 'out_of_range' | 'bad_text' | 'unavailable';

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err).code;
  return typeof code === 'string' ? code : undefined;
}

/** Messages of node-postgres and pg-pool when the connection, not the query, failed. */
const PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|Query read timeout|Client was closed/i;

function classifyPostgres(err: unknown): DbFault | undefined {
  const code = errorCode(err);
  if (code === '23505') return 'unique';
  // 22003 numeric_value_out_of_range; 22P02 invalid_text_representation ('abc' for an integer).
  if (code === '22003' || code === '22P02' || code === '22008') return 'out_of_range';
  // 22021 character_not_in_repertoire (NUL in text), 22P05 untranslatable_character (\u0000 in jsonb).
  if (code === '22021' || code === '22P05') return 'bad_text';
  // 08 connection exceptions, 57P01-57P03 shutdown/crash, 57014 statement timeout, 53300 too many connections.
  if (code && (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '57014' || code === '53300' || code === '53400')) return 'unavailable';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unavailable';
  if (err instanceof Error && PG_CONNECTION_MESSAGES.test(err.message)) return 'unavailable';
  return undefined;
}

function classifySqlite(err: unknown): DbFault | undefined {
  const code = errorCode(err);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_IOERR' || code === 'SQLITE_FULL') return 'unavailable';
  if (code === 'SQLITE_TOOBIG') return 'out_of_range';
  return undefined;
}

/** SQLite connection handles inside writeTransaction (they are not Kysely Transactions, which cannot `begin immediate`). */
const sqliteInTransaction = new WeakSet<object>();

const sqliteDialect: Dialect = {
  engine: 'sqlite',
  addIdColumn: (tb) => tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()),
  fullText: 'fts5',
  classifyError: classifySqlite,
  // SQLite integers are 64-bit, but JS numbers are exact only up to 2^53.
  maxId: Number.MAX_SAFE_INTEGER,
  clientCheckpoints: true,
  oneWriter: true,
  // AUTOINCREMENT keeps its high-water mark in sqlite_sequence, explicit ids included.
  syncIdSequence: async () => undefined,
  nativeBackup: (location, _schema, target) => sqliteBackup(location, target),
  nativeRestore: async (location, backup) => {
    await sqliteRestore(location, backup);
    return true;
  },
  async bulkWriteCache(db, kib) {
    // One connection (better-sqlite3): the pragmas hold for every statement until put back.
    const size = Math.max(1, Math.floor(kib));
    const pageSize = (await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0]?.page_size ?? 4096;
    const cache = (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size ?? -2000;
    const wal = (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint ?? 1000;
    const set = async (cacheSize: number, walPages: number) => {
      await sql`pragma cache_size = ${sql.raw(String(Math.trunc(cacheSize)))}`.execute(db);
      await sql`pragma wal_autocheckpoint = ${sql.raw(String(Math.trunc(walPages)))}`.execute(db);
    };
    await set(-size, Math.max(wal, Math.floor((size * 1024) / pageSize)));
    return () => set(cache, wal);
  },
  async writeTransaction(db, fn) {
    // A handle already inside one (a nested call) runs in it, as Kysely's transactions do on PostgreSQL.
    if ((db as Kysely<unknown>).isTransaction || sqliteInTransaction.has(db)) return fn(db);
    // A worker of a cluster waits for its turn at the write lock without blocking (write-turns.ts).
    const giveBack = await writeTurns()?.();
    try {
      return await sqliteWrite(db, fn);
    } finally {
      giveBack?.();
    }
  },
};

/** `fn` in a `begin immediate` transaction on the SQLite connection. */
async function sqliteWrite<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    sqliteInTransaction.add(conn);
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    } finally {
      sqliteInTransaction.delete(conn);
    }
  });
}

const postgresDialect: Dialect = {
  engine: 'postgres',
  addIdColumn: (tb) => tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity()),
  fullText: 'tsvector',
  classifyError: classifyPostgres,
  // `id` columns are `integer` (int4).
  maxId: 2_147_483_647,
  clientCheckpoints: false,
  oneWriter: false,
  async syncIdSequence(db, table) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  },
  nativeBackup: (location, schema, target) => pgDump(location, schema, target),
  nativeRestore: (location, backup) => pgRestore(location, backup),
  bulkWriteCache: () => Promise.resolve(() => Promise.resolve()),
  async writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    if (db.isTransaction) return fn(db);
    return db.transaction().execute((trx: Transaction<DB>) => fn(trx));
  },
};

/** The capabilities of the given engine. */
export function dialectFor(engine: Engine): Dialect {
  return engine === 'sqlite' ? sqliteDialect : postgresDialect;
}

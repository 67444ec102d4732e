import { pgDump, pgRestore, sqliteBackup, sqliteRestore, type NativeBackupKind } from './native-backup';
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
}

const sqliteDialect: Dialect = {
  engine: 'sqlite',
  addIdColumn: (tb) => tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()),
  fullText: 'fts5',
  // AUTOINCREMENT keeps its high-water mark in sqlite_sequence, explicit ids included.
  syncIdSequence: async () => undefined,
  nativeBackup: (location, _schema, target) => sqliteBackup(location, target),
  nativeRestore: async (location, backup) => {
    await sqliteRestore(location, backup);
    return true;
  },
  async writeTransaction(db, fn) {
    if ((db as Kysely<unknown>).isTransaction) return fn(db);
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn);
        throw err;
      }
    });
  },
};

const postgresDialect: Dialect = {
  engine: 'postgres',
  addIdColumn: (tb) => tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity()),
  fullText: 'tsvector',
  async syncIdSequence(db, table) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  },
  nativeBackup: (location, schema, target) => pgDump(location, schema, target),
  nativeRestore: (location, backup) => pgRestore(location, backup),
  async writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    if (db.isTransaction) return fn(db);
    return db.transaction().execute((trx: Transaction<DB>) => fn(trx));
  },
};

/** The capabilities of the given engine. */
export function dialectFor(engine: Engine): Dialect {
  return engine === 'sqlite' ? sqliteDialect : postgresDialect;
}

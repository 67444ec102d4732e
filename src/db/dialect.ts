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
  /** Column type for a large integer counter (fits JS numbers). */
  readonly bigintType: 'integer' | 'bigint';
  /**
   * Runs fn in a write transaction: BEGIN IMMEDIATE on SQLite (so concurrent
   * writers queue on busy_timeout instead of failing), a normal transaction on PostgreSQL.
   */
  writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Case-insensitive LIKE operator. */
  readonly ilike: 'like' | 'ilike';
  readonly fullText: 'fts5' | 'tsvector';
}

const sqliteDialect: Dialect = {
  engine: 'sqlite',
  addIdColumn: (tb) => tb.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()),
  bigintType: 'integer',
  ilike: 'like',
  fullText: 'fts5',
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
  bigintType: 'bigint',
  ilike: 'ilike',
  fullText: 'tsvector',
  async writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    if (db.isTransaction) return fn(db);
    return db.transaction().execute((trx: Transaction<DB>) => fn(trx));
  },
};

/** The capabilities of the given engine. */
export function dialectFor(engine: Engine): Dialect {
  return engine === 'sqlite' ? sqliteDialect : postgresDialect;
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import { dialectFor, type Dialect } from './dialect';
import type { Database } from './schema';

/** An open database: the typed query builder, its engine's capabilities, and how to close it. */
export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** For SQLite: the file path (or ':memory:'); for PostgreSQL: the connection string. */
  location: string;
  /** PostgreSQL: the schema the tables live in. */
  schema?: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL time limits. statementMs is enforced by the server; queryMs by the
 * client, for a server that no longer answers at all; connectMs bounds opening a
 * connection and waiting for a free one.
 */
export interface PgTimeouts {
  statementMs: number;
  queryMs: number;
  connectMs: number;
  idleInTransactionMs: number;
}

export const PG_TIMEOUTS: PgTimeouts = { statementMs: 30_000, queryMs: 35_000, connectMs: 3_000, idleInTransactionMs: 60_000 };

export interface ConnectOptions {
  /** PostgreSQL only: time limits (defaults: PG_TIMEOUTS). */
  timeouts?: Partial<PgTimeouts>;
  /** PostgreSQL only: the schema to use (created if missing); tests use one schema per app. */
  schema?: string;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
}

// COUNT(*) and other int8 values come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/**
 * Kysely prepares every query anew; compiling SQL is a large share of a short
 * query's cost, so the last few hundred statements are kept by their SQL text.
 * Safe because the SQLite driver runs one query at a time on its one connection.
 */
function cachePreparedStatements(raw: SqliteDatabase.Database, max = 500): void {
  const prepare = raw.prepare.bind(raw);
  const cache = new Map<string, SqliteDatabase.Statement>();
  raw.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      // Most recently used last, so the first key is the one to drop.
      cache.delete(source);
    } else {
      stmt = prepare(source);
      if (cache.size >= max) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof raw.prepare;
}

/**
 * Kysely's PostgreSQL introspector reads every table of every schema and calls
 * pg_get_serial_sequence on each column: when another schema is dropped at that
 * moment (another site or test sharing the database), it fails with "schema … does
 * not exist". The migrator only needs our own schema's table names, so it gets that.
 */
class SchemaScopedIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const r = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return r.rows.map((row) => ({ name: row.name }));
  }

  async getTables(): Promise<TableMetadata[]> {
    const r = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${this.schema} and c.relkind in ('r', 'p', 'v')`.execute(this.db);
    return r.rows.map((row) => ({ name: row.name, schema: this.schema, isView: row.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

class ScopedPostgresDialect extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly schema: string,
  ) {
    super(config);
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SchemaScopedIntrospector(db, this.schema);
  }
}

/** Opens the database named by a DATABASE_URL (`sqlite:PATH`, `sqlite::memory:` or `postgres://…`). */
export async function connect(url: string, opts: ConnectOptions = {}): Promise<Db> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const raw = new SqliteDatabase(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    // A multi-row INSERT in a transaction (a group of new comments, an import's batch) keeps an undo
    // copy of each page it changes; past 64 KiB the default puts it in a temporary file, created and
    // deleted at each statement. In memory it costs a row ~30 µs less (docs/performance.md).
    raw.pragma('temp_store = MEMORY');
    cachePreparedStatements(raw);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    return { db, dialect: dialectFor('sqlite'), location: file, close: () => db.destroy() };
  }
  // `?schema=NAME` in the URL puts Palabre's tables in that schema (created if missing).
  const parsed = new URL(url);
  const urlSchema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  opts = { ...opts, ...(opts.schema === undefined && urlSchema ? { schema: urlSchema } : {}) };
  const timeouts = { ...PG_TIMEOUTS, ...opts.timeouts };
  const settings = [
    ...(opts.schema ? [`-c search_path=${opts.schema},public`] : []),
    `-c statement_timeout=${timeouts.statementMs}`,
    `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
  ];
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: opts.poolSize ?? 10,
    options: settings.join(' '),
    // Waiting for a connection (a new one, or a free one of a busy pool) is bounded: a 503, not a hang.
    connectionTimeoutMillis: timeouts.connectMs,
    // A server that stops answering (stalled, or a cut network) does not hold a request forever.
    query_timeout: timeouts.queryMs,
    keepAlive: true,
  });
  // A connection that drops emits 'error' on its client; with no listener that crashes the process.
  // Idle clients are the pool's (it drops them); a checked-out one fails its query, and pg-pool
  // drops it on release since it is no longer queryable. New connections are opened on demand.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  if (opts.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`invalid schema name ${opts.schema}`);
    await pool.query(`create schema if not exists ${opts.schema}`);
  }
  const db = new Kysely<Database>({ dialect: new ScopedPostgresDialect({ pool }, opts.schema ?? 'public') });
  return { db, dialect: dialectFor('postgres'), location: url, schema: opts.schema ?? 'public', close: () => db.destroy() };
}

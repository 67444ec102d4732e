import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Engine } from '../../src/db/dialect';
import { closeDeps, createDeps, type Clock, type Deps, type DepsOptions } from '../../src/deps';
import { POSTGRES_URL } from './engines';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  engine: Engine;
  config: Config;
  /** Closes the app and drops its database (file or schema). */
  close(): Promise<void>;
  /** Closes the app but keeps the database, to open it again (restart tests). */
  stop(): Promise<void>;
  /** Opens a new app on the same database. */
  restart(): Promise<TestApp>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  mailer?: DepsOptions['mailer'];
  /**
   * PostgreSQL: a database of its own instead of a schema in the shared one, for tests
   * that run whole-database tools (pg_restore --clean) beside other test files.
   */
  ownDatabase?: boolean;
}

/** A settable clock for tests. */
export function fakeClock(start = new Date('2026-03-08T10:00:00.000Z')): Clock & { set(d: Date): void; advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (d) => {
      now = d.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * Real time plus an offset the test moves forward: "later" comes without sleeping, while
 * the other tests sharing the app still see time pass.
 */
export function movingClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

interface Store {
  url: string;
  schema?: string;
  cleanup(): Promise<void>;
}

async function adminQuery(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function newStore(engine: Engine, ownDatabase = false): Promise<Store> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'palabre-test-'));
    return { url: `sqlite:${join(dir, 'palabre.db')}`, cleanup: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  if (ownDatabase) {
    const name = `palabre_${schema}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return { url: url.toString(), schema, cleanup: () => adminQuery(`drop database if exists ${name} with (force)`) };
  }
  return {
    url: POSTGRES_URL,
    schema,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

async function open(engine: Engine, store: Store, opts: TestAppOptions): Promise<TestApp> {
  const config = loadConfig({ DATABASE_URL: store.url, PALABRE_DEMO: '0', LOG_LEVEL: 'silent', PALABRE_BASE_URL: 'http://localhost:3000', ...opts.env });
  const deps = await createDeps(config, {
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(store.schema ? { schema: store.schema } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.mailer ? { mailer: opts.mailer } : {}),
  });
  const app = await buildApp(deps);
  await app.ready();
  const stop = async () => {
    await app.close();
    await closeDeps(deps);
  };
  return {
    app,
    deps,
    engine,
    config,
    stop,
    close: async () => {
      await stop();
      await store.cleanup();
    },
    restart: () => open(engine, store, opts),
  };
}

/** A whole Palabre on a fresh real database of the given engine. */
export async function createTestApp(engine: Engine, opts: TestAppOptions = {}): Promise<TestApp> {
  return open(engine, await newStore(engine, opts.ownDatabase), opts);
}

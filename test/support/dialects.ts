import type { Engine } from '../../src/db/dialect';

/** Engines the suite runs on: TEST_DIALECTS=sqlite,postgres (default: both when PostgreSQL is configured). */
export const DIALECTS: Engine[] = (process.env.TEST_DIALECTS ?? 'sqlite')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is Engine => s === 'sqlite' || s === 'postgres');

/** The PostgreSQL server tests use; each test app gets its own schema in it. */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

import type { Engine } from '../../src/db/dialect';

const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/**
 * Reads TEST_DIALECTS (default: sqlite). A name that is not an engine fails the run:
 * a typo must not quietly run one engine and pass.
 */
export function parseDialects(value: string | undefined): Engine[] {
  const names = (value ?? 'sqlite').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(ENGINES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `TEST_DIALECTS=${JSON.stringify(value)}: ${unknown.length > 0 ? `unknown engine ${unknown.map((n) => `"${n}"`).join(', ')}` : 'no engine named'}; ` +
        `use a comma-separated list of ${ENGINES.join(', ')} (e.g. TEST_DIALECTS=sqlite,postgres)`,
    );
  }
  return [...new Set(names as Engine[])];
}

/** The PostgreSQL server tests use; each test app gets its own schema in it. */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

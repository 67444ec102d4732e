import type { Engine } from '../../src/db/dialect';
import { parseDialects } from './engines';
import { hasPart } from './parts';

// Test files import from here (worker side); the global setup uses engines.ts.
export { parseDialects, POSTGRES_URL } from './engines';

/** Engines asked for with TEST_DIALECTS. */
export const REQUESTED_DIALECTS: Engine[] = parseDialects(process.env.TEST_DIALECTS);

/**
 * Engines the suite runs on: those asked for, less PostgreSQL when the global setup
 * found no server (the end of the run says so; under PALABRE_TEST_REQUIRE_ALL=1 the run fails instead).
 */
export const DIALECTS: Engine[] = REQUESTED_DIALECTS.filter((e) => e !== 'postgres' || hasPart('postgres'));

import { inject, type TestOptions } from 'vitest';
import type { Part, PartsReport } from './part-info';

// Test files import from here (worker side); the global setup and the reporter use part-info.ts.
export { CHROMIUM_PATH, NGINX_PATH, REDIS_URL, type Part } from './part-info';

/** What the global setup found; undefined outside a vitest worker (bench scripts) or without the global setup. */
function detected(): PartsReport | undefined {
  if (!process.env.VITEST) return undefined;
  return inject('palabreParts');
}

/** Whether a part is there. Unknown (no detection ran) counts as present: the tests then fail on their own. */
export function hasPart(part: Part): boolean {
  return detected()?.[part].present ?? true;
}

/**
 * Options for a describe()/it() that needs these parts: it is skipped when one is absent,
 * and carries which in its meta so that the end of the run names it.
 *   describe.each(DIALECTS)('a reader in Chromium on %s', needs('chromium'), (engine) => { … })
 */
export function needs(...parts: Part[]): TestOptions {
  const missing = parts.filter((p) => !hasPart(p));
  return missing.length > 0 ? { skip: true, meta: { missingParts: missing } } : {};
}

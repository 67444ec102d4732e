import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { describeMissing, detectParts, missingParts } from './detect-parts';
import { parseDialects } from './engines';
import { PARTS_ENV } from './gaps-reporter';

/**
 * Before the suite: checks TEST_DIALECTS, looks for the parts some tests need (once, here,
 * for every worker), and builds the browser assets and the CLI (pages link to them; CLI tests run them).
 */
export default async function setup(project: TestProject): Promise<void> {
  const dialects = parseDialects(process.env.TEST_DIALECTS);
  const parts = await detectParts(dialects);
  const missing = missingParts(parts);
  if (missing.length > 0 && process.env.PALABRE_TEST_REQUIRE_ALL === '1') {
    throw new Error(
      `PALABRE_TEST_REQUIRE_ALL=1 and this machine lacks what some tests need, so they cannot all run:\n  ${describeMissing(parts, missing).join('\n  ')}`,
    );
  }
  project.provide('palabreParts', parts);
  // The reporter runs in this process, not in the workers: it reads the same finding from here.
  process.env[PARTS_ENV] = JSON.stringify(parts);
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

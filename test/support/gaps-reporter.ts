import { relative } from 'node:path';
import type { Reporter, TestModule, TestSuite } from 'vitest/node';
import { PART_INFO, type Part, type PartsReport } from './part-info';

/** Where the global setup leaves what it found, for this reporter (same process). */
export const PARTS_ENV = 'PALABRE_TEST_PARTS_FOUND';

interface Gap {
  file: string;
  suite: string;
  tests: number;
  parts: Part[];
}

/** Top-most skipped suites that carry the parts they lacked (see needs() in parts.ts). */
function gapsIn(module: TestModule, root: string): Gap[] {
  const gaps: Gap[] = [];
  const file = relative(root, module.moduleId);
  const visit = (suite: TestSuite): void => {
    const parts = suite.meta().missingParts;
    if (parts && parts.length > 0 && suite.state() === 'skipped') {
      gaps.push({ file, suite: suite.name, tests: [...suite.children.allTests()].length, parts });
      return;
    }
    for (const child of suite.children.suites()) visit(child);
  };
  for (const suite of module.children.suites()) visit(suite);
  for (const test of module.children.tests()) {
    const parts = test.meta().missingParts;
    if (parts && parts.length > 0 && test.result().state === 'skipped') gaps.push({ file, suite: test.name, tests: 1, parts });
  }
  return gaps;
}

const RED = (s: string) => (process.stdout.isTTY ? `\x1b[1;31m${s}\x1b[0m` : s);

/**
 * Ends the run by naming, loudly, the tests that did not run because this machine lacks
 * a part (Chromium, Redis, PostgreSQL), why, and the command that provides it. Silent when
 * everything ran.
 */
export default class GapsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const found = process.env[PARTS_ENV];
    if (!found) return;
    const report = JSON.parse(found) as PartsReport;
    const root = process.cwd();
    const gaps = testModules.flatMap((m) => gapsIn(m, root));
    const postgresGap = report.postgres.needed && !report.postgres.present;
    if (gaps.length === 0 && !postgresGap) return;

    const lines: string[] = [];
    const parts = new Set<Part>(gaps.flatMap((g) => g.parts));
    if (postgresGap) parts.add('postgres');
    const testCount = gaps.reduce((n, g) => n + g.tests, 0);
    if (gaps.length > 0) lines.push(`NOT RUN: ${testCount} test(s) in ${new Set(gaps.map((g) => g.file)).size} file(s) need parts this machine lacks.`);
    if (postgresGap) lines.push('NOT RUN ON POSTGRESQL: TEST_DIALECTS asks for it and no server answered.');
    for (const part of parts) {
      lines.push('');
      lines.push(`${PART_INFO[part].label} absent — ${report[part].detail}`);
      lines.push(`  provide it: ${PART_INFO[part].provide}`);
      if (part === 'postgres') lines.push('  the tests that run on each engine ran on the other engines only');
      for (const g of gaps.filter((x) => x.parts.includes(part))) lines.push(`  - ${g.file} › ${g.suite} (${g.tests} test(s))`);
    }
    lines.push('');
    lines.push('CI runs everything: with PALABRE_TEST_REQUIRE_ALL=1 (set by .ci/run) a missing part fails the run.');
    const bar = '!'.repeat(78);
    process.stdout.write(`\n${RED(bar)}\n${lines.map((l) => RED(l)).join('\n')}\n${RED(bar)}\n`);
  }
}

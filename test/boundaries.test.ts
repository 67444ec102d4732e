import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cycles, importGraph, type ImportGraph } from './support/import-graph';

/**
 * The boundaries docs/architecture.md promises, read from the code itself: no runtime
 * import cycle, no module reaching into another's repository or tables, and one writer of
 * the comments table. There is no list of exceptions: a boundary crossed is a failure.
 */

/** The module a file of src/modules belongs to, if any. */
function moduleOf(file: string): string | undefined {
  return /^src\/modules\/([^/]+)\//.exec(file)?.[1];
}

/** Kysely writes to the comments table ('comments' or "comments"). */
const WRITES_COMMENTS = /\b(insertInto|updateTable|deleteFrom)\(\s*(['"])comments\2\s*\)/g;

/** Where comment rows may be written: their module, and the migrations that shape the table. */
const COMMENT_WRITERS = [/^src\/modules\/comments\//, /^src\/db\/migrations\//];

describe('module boundaries of src/', () => {
  let graph: ImportGraph;

  beforeAll(async () => {
    graph = await importGraph('src');
    // The graph must be the program's, not an empty reading of it.
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/app.ts')?.size ?? 0).toBeGreaterThan(5);
  });

  it('has no runtime import cycle between source files', () => {
    const found = cycles(graph).map(
      (c) => `cycle between ${c.files.join(', ')}:\n${c.edges.map(([from, to]) => `    ${from} → ${to}`).join('\n')}`,
    );
    expect(found, `${found.length} import cycle(s):\n  ${found.join('\n  ')}`).toEqual([]);
  });

  it("has no module importing another module's repository or tables file", () => {
    const crossings: string[] = [];
    for (const [from, imports] of graph) {
      const own = moduleOf(from);
      if (!own) continue;
      for (const to of imports) {
        const other = moduleOf(to);
        if (other && other !== own && /\.(repository|tables)\.ts$/.test(to)) crossings.push(`${from} → ${to}`);
      }
    }
    expect(crossings.sort(), `${crossings.length} import(s) of another module's repository or tables:\n  ${crossings.join('\n  ')}`).toEqual([]);
  });

  it('writes the comments table from the comments module only', () => {
    const writers: string[] = [];
    for (const file of graph.keys()) {
      if (COMMENT_WRITERS.some((allowed) => allowed.test(file))) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(WRITES_COMMENTS)) {
        const line = text.slice(0, m.index).split('\n').length;
        writers.push(`${file}:${line} ${m[1]}('comments')`);
      }
    }
    expect(writers, `${writers.length} write(s) of comments outside src/modules/comments:\n  ${writers.join('\n  ')}`).toEqual([]);
  });
});

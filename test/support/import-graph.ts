import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

/** Runtime imports between the files of a source tree: file → the files it imports (paths relative to the root). */
export type ImportGraph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Reads the import graph of `dir` the way the program loads it: esbuild resolves every
 * static import and re-export (type-only imports are erased before, as at run time;
 * packages and Node's modules are left out). Dynamic import() is not a load-time edge.
 */
export async function importGraph(dir: string, root = process.cwd()): Promise<ImportGraph> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: sourceFiles(join(root, dir)),
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    outdir: join(root, '.import-graph'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.json': 'json' },
    logLevel: 'silent',
  });
  const graph: ImportGraph = new Map();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!file.startsWith(`${dir}/`)) continue;
    const edges = new Set<string>();
    for (const imp of input.imports) {
      if (imp.external || imp.kind === 'dynamic-import') continue;
      if (imp.path.startsWith(`${dir}/`)) edges.add(imp.path);
    }
    graph.set(relative('.', file), edges);
  }
  return graph;
}

/** A group of files that import each other, directly or not, and the imports that tie it. */
export interface Cycle {
  files: string[];
  /** Every import between two files of the group: removing enough of these breaks the cycle. */
  edges: [from: string, to: string][];
}

/** The import cycles of a graph: one per strongly connected group of files (Tarjan's algorithm). */
export function cycles(graph: ImportGraph): Cycle[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const lowOf = (v: string): number => low.get(v) ?? Number.POSITIVE_INFINITY;
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      const seen = idx.get(w);
      if (seen === undefined) {
        strong(w);
        low.set(v, Math.min(lowOf(v), lowOf(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(lowOf(v), seen));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        group.push(w);
        if (w === v) break;
      }
      if (group.length > 1 || graph.get(v)?.has(v)) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return groups
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    .map((files) => {
      const members = new Set(files);
      const edges = files.flatMap((from) => [...(graph.get(from) ?? [])].filter((to) => members.has(to)).sort().map((to): [string, string] => [from, to]));
      return { files, edges };
    });
}

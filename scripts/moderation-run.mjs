// Runs one of the moderation scripts written in TypeScript (train, eval, bench):
// bundles it with esbuild (packages stay external) into a temporary file and imports it.
// Usage: node scripts/moderation-run.mjs scripts/train-moderation.ts [args…]
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/moderation-run.mjs FILE.ts [args…]');
  process.exit(2);
}
const dir = mkdtempSync(join(resolve('.'), '.moderation-run-'));
const outfile = join(dir, 'main.mjs');
try {
  await build({
    entryPoints: [entry],
    outfile,
    ...NODE_BUNDLE,
  });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Builds the server (dist/cli.js) and the browser assets (dist/public) with esbuild.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
mkdirSync(join(out, 'public'), { recursive: true });

await build({
  entryPoints: [join(root, 'src/cli/index.ts')],
  outfile: join(out, 'cli.js'),
  ...NODE_BUNDLE,
  sourcemap: true,
});

const browser = readdirSync(join(root, 'src/browser')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
await build({
  entryPoints: browser.map((f) => join(root, 'src/browser', f)),
  outdir: join(out, 'public'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  logLevel: 'warning',
});

for (const f of readdirSync(join(root, 'src/web/assets'))) copyFileSync(join(root, 'src/web/assets', f), join(out, 'public', f));

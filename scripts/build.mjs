// Builds the server (dist/cli.js, with the import's render worker and the SQLite checkpoint thread) and the browser assets (dist/public) with esbuild.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
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
// The import's comment render worker (worker_threads), found beside cli.js at run time
// (RENDER_WORKER_BUNDLE in src/modules/importers/comment-renderer.ts).
await build({
  entryPoints: [join(root, 'src/modules/importers/comment-render.worker.ts')],
  outfile: join(out, 'import-render-worker.js'),
  ...NODE_BUNDLE,
  sourcemap: true,
});
// The SQLite checkpoint thread of `palabre serve` (CHECKPOINT_WORKER_BUNDLE in src/db/checkpointer.ts).
await build({
  entryPoints: [join(root, 'src/db/checkpoint.worker.ts')],
  outfile: join(out, 'sqlite-checkpoint-worker.js'),
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

// Style sheets minified; other assets (the favicon) copied as they are.
const assets = readdirSync(join(root, 'src/web/assets'));
await build({
  entryPoints: assets.filter((f) => f.endsWith('.css')).map((f) => join(root, 'src/web/assets', f)),
  outdir: join(out, 'public'),
  minify: true,
  loader: { '.css': 'css' },
  logLevel: 'warning',
});
for (const f of assets.filter((f) => !f.endsWith('.css'))) copyFileSync(join(root, 'src/web/assets', f), join(out, 'public', f));

// Precompressed once here, at the strongest levels, for @fastify/static (preCompressed) and nginx (gzip_static, brotli_static).
for (const f of readdirSync(join(out, 'public')).filter((f) => /\.(js|css|svg)$/.test(f))) {
  const file = join(out, 'public', f);
  const body = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }));
}

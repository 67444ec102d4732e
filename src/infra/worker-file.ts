import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const fromSources = new Map<string, Promise<URL>>();

/**
 * A worker_threads script's file. From the bundle (dist/cli.js): `bundle`, its sibling, written by
 * scripts/build.mjs. From the TypeScript sources (vitest): `source` bundled by esbuild once a
 * process, into node_modules/.cache so that the packages it leaves external are found (written
 * aside and renamed: processes building it at once each see a whole file).
 */
export async function workerFile(bundle: string, source: URL): Promise<URL> {
  const built = new URL(`./${bundle}`, import.meta.url);
  if (existsSync(built)) return built;
  if (!import.meta.url.endsWith('.ts')) throw new Error(`the worker ${fileURLToPath(built)} is missing: run npm run build`);
  let file = fromSources.get(bundle);
  if (!file) {
    file = (async () => {
      const { build } = await import('esbuild');
      const outfile = fileURLToPath(new URL(`../../node_modules/.cache/palabre/${bundle.replace(/\.js$/, '.mjs')}`, import.meta.url));
      const out = await build({ entryPoints: [fileURLToPath(source)], outfile, write: false, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
      mkdirSync(dirname(outfile), { recursive: true });
      writeFileSync(`${outfile}.${process.pid}`, out.outputFiles[0]?.contents ?? '');
      renameSync(`${outfile}.${process.pid}`, outfile);
      return pathToFileURL(outfile);
    })();
    fromSources.set(bundle, file);
  }
  return file;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * Where the shipped moderation models live (src/modules/moderation/model), whether
 * the code runs from src (tests), from the dist bundle, or from a script bundle.
 */
export function modelDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'model'), resolve(here, '../src/modules/moderation/model'), resolve(process.cwd(), 'src/modules/moderation/model')];
  for (const c of candidates) if (existsSync(join(c, 'spam.json.gz'))) return c;
  return candidates[candidates.length - 1] as string;
}

/** Reads one gzipped model file as text. */
export function readModelFile(name: string): string {
  return gunzipSync(readFileSync(join(modelDir(), name))).toString('utf8');
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where built browser assets live (dist/public), whether running from src (tests) or dist. */
export function publicDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'public'), resolve(here, '../../dist/public'), resolve(here, '../dist/public')]) {
    if (existsSync(join(candidate, 'site.css'))) return candidate;
  }
  return resolve(process.cwd(), 'dist/public');
}

const versions = new Map<string, string>();

/** URL of an asset with a content hash, so it can be cached for a year. */
export function assetUrl(name: string): string {
  let v = versions.get(name);
  if (v === undefined) {
    try {
      v = createHash('sha1').update(readFileSync(join(publicDir(), name))).digest('hex').slice(0, 10);
    } catch {
      v = 'dev';
    }
    versions.set(name, v);
  }
  return `/assets/${name}?v=${v}`;
}

import { execFileSync } from 'node:child_process';

/** Builds the browser assets and the CLI once before the suite (pages link to them; CLI tests run them). */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

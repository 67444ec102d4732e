// Starts the built server (`dist/cli.js serve`) on a fresh SQLite file (or DATABASE_URL) for a
// benchmark, with an editor and an API token: the part every load benchmark shares.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {{ port?: number, env?: Record<string, string>, staticDir?: boolean }} options  staticDir: static snapshots
 *   in `dir/static` (PALABRE_STATIC_DIR; the environment's own wins)
 * @returns {Promise<{ base: string, dir: string, env: Record<string, string>, token: string,
 *   post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<any>, stop: () => void, pid: number }>}
 */
export async function startBenchServer({ port = 3999, env: extra = {}, staticDir = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-bench-'));
  spawnSync('chmod', ['755', dir]); // nginx's workers (an unprivileged user when started by root) read the snapshots
  const env = {
    ...(staticDir ? { PALABRE_STATIC_DIR: join(dir, 'static') } : {}),
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PALABRE_DEMO: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const cli = (args) => execFileSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { env, encoding: 'utf8' }).trim();
  cli(['migrate']);
  cli(['user', 'add', '--email', 'bench@example.test', '--name', 'Bench Editor', '--role', 'editor']);
  const token = cli(['token', 'create', '--email', 'bench@example.test']);
  const server = spawn(process.execPath, [join(root, 'dist/cli.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  // Up to a minute: every worker loads the moderation models, on a machine that may be busy.
  let up = false;
  for (let i = 0; i < 600 && !up; i++) {
    up = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) throw new Error('server did not start');
  const post = async (path, body, headers = {}) => {
    const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { base, dir, env, token, post, stop, pid: server.pid };
}

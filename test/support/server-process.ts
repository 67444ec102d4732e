import { setTimeout as delay } from 'node:timers/promises';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { vi } from 'vitest';
import type { Engine } from '../../src/db/dialect';
import { POSTGRES_URL } from './engines';

/**
 * The built `palabre` command (dist/cli.js, built by the global setup) run as real child
 * processes: one-shot commands, and `palabre serve` as a server to talk to over HTTP.
 */
export const CLI = join(import.meta.dirname, '../../dist/cli.js');

const run = promisify(execFile);

/** A free local port (the kernel's choice, released at once for the caller to listen on). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

/** `palabre ARGS…` with this environment, as its own process: stdout and stderr once it ends. */
export function palabreCommand(env: NodeJS.ProcessEnv): (...args: string[]) => Promise<{ stdout: string; stderr: string }> {
  return (...args) => run(process.execPath, [CLI, ...args], { env });
}

/** Migrates the database and adds an editor; answers the headers of its API token. */
export async function editorWithToken(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const palabre = palabreCommand(env);
  await palabre('migrate');
  await palabre('user', 'add', '--email', 'redac@example.test', '--name', 'Rédaction', '--role', 'editor', '--password', 'une phrase de passe longue');
  const token = (await palabre('token', 'create', '--email', 'redac@example.test')).stdout.trim();
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface AskOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on a connection of its own (no keep-alive agent), so each may reach any worker. */
export function ask(port: number, path: string, opts: AskOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * `ask`, again while the server sheds load (503: nothing was written, retry as Retry-After
 * says), as a client would; at most `attempts` times. A loaded test machine makes busy servers shed.
 */
export async function askTaken(port: number, path: string, opts: AskOptions = {}, attempts = 20): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const answer = await ask(port, path, opts);
    if (answer.status !== 503 || attempt >= attempts) return answer;
    await delay(250);
  }
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** What the server wrote so far (its log on stdout, errors on stderr). */
  output(): string;
  /** SIGKILL if still running (for afterAll). */
  kill(): void;
}

/**
 * `palabre serve` on a free port with this environment; resolves once `/api/v1/health`
 * answers 200 (a real start can take a minute or more on a loaded machine).
 */
export async function startServer(env: NodeJS.ProcessEnv, timeout = 150_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const collect = (c: Buffer) => {
    out += c.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  await vi.waitFor(
    async () => {
      // A server that exited will not answer: stop waiting at once (thrown below), not at the timeout.
      if (ended()) return;
      const a = await ask(port, '/api/v1/health');
      if (a.status !== 200) throw new Error(`health ${a.status}`);
    },
    { timeout, interval: 50 },
  );
  if (ended()) throw new Error(`palabre serve exited with ${child.exitCode ?? child.signalCode}: ${out}`);
  return {
    port,
    child,
    exited,
    output: () => out,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export interface ProcessDatabase {
  /** DATABASE_URL for the child processes: a SQLite file in a temporary folder, or a PostgreSQL schema of its own. */
  url: string;
  /** The temporary folder (the SQLite file's, also free for other files). */
  dir: string;
  /** Removes the folder and drops the schema. */
  cleanup(): Promise<void>;
}

/** A database for `palabre` processes (they take the URL from the environment, not from createTestApp). */
export function processDatabase(engine: Engine, prefix: string): ProcessDatabase {
  const dir = mkdtempSync(join(tmpdir(), `palabre-${prefix}-`));
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  return {
    url: engine === 'sqlite' ? `sqlite:${join(dir, 'p.db')}` : `${POSTGRES_URL}?schema=${schema}`,
    dir,
    cleanup: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (engine !== 'postgres') return;
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await c.end();
      }
    },
  };
}

import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { workerFile } from '../infra/worker-file';
import type { CheckpointMessage, CheckpointWorkerData } from './checkpoint.worker';
import type { Db } from './connect';

/** The thread's bundle, written beside dist/cli.js by scripts/build.mjs. */
export const CHECKPOINT_WORKER_BUNDLE = 'sqlite-checkpoint-worker.js';

/** SQLite's own automatic checkpoint threshold (pages), what a connection has by default. */
export const AUTO_CHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  /** The thread checkpoints once this many WAL frames wait (default: SQLite's 1000). */
  triggerPages?: number;
  /** How often the thread reads the WAL index (default 100 ms). */
  pollMs?: number;
  /**
   * The serving connections' own automatic checkpoint while the thread runs: the safety net for a
   * stuck thread (default 10 × triggerPages).
   */
  safetyPages?: number;
  /** PRAGMA journal_size_limit: the WAL file is cut back to this size once started again (default 64 MiB). */
  journalSizeLimit?: number;
  /** Failures in a row (without a checkpoint between them) after which the thread is given up (default 3). */
  maxRestarts?: number;
  /** Wait before starting a failed thread again (default 1 s). */
  restartDelayMs?: number;
  /** Tests: another database path for the thread, another worker script. */
  file?: string;
  workerFile?: URL;
}

export type CheckpointerState = 'running' | 'fallback' | 'stopped';

/**
 * `palabre serve` on a SQLite file: the WAL is checkpointed by a worker thread with its own
 * connection instead of inside whichever COMMIT crosses 1000 pages on the event loop. The serving
 * connection's automatic checkpoint is raised to `safetyPages` (it checkpoints itself only if the
 * thread falls behind that far). A thread that fails is logged at warn and started again; one that
 * cannot start, or fails `maxRestarts` times in a row, leaves the serving connection to SQLite's
 * automatic checkpoint ('fallback').
 */
export class Checkpointer {
  state: CheckpointerState = 'running';
  /** Checkpoints the thread made, thread restarts, the last one's WAL frames and frames copied. */
  checkpoints = 0;
  restarts = 0;
  last: { log: number; checkpointed: number } | undefined;
  private worker: Worker | undefined;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Db,
    private readonly log: Logger,
    private readonly script: URL,
    private readonly opts: Settings,
  ) {}

  /** Starts the thread; resolves once it runs or the serving connection fell back. */
  async start(): Promise<void> {
    await servingPragmas(this.database, this.opts.safetyPages, this.opts.journalSizeLimit);
    await this.spawn();
    if (this.state === 'running') this.log.info({ triggerPages: this.opts.triggerPages, safetyPages: this.opts.safetyPages }, 'SQLite checkpoints run on a background thread');
  }

  private spawn(): Promise<void> {
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(this.script, { workerData: this.opts.thread });
      } catch (err) {
        void this.failed(err instanceof Error ? err.message : String(err), false).finally(resolve);
        return;
      }
      this.worker = worker;
      let ready = false;
      let failed = false;
      const fail = (why: string) => {
        if (failed || this.worker !== worker) return;
        failed = true;
        this.worker = undefined;
        void worker.terminate();
        void this.failed(why, ready).finally(resolve);
      };
      worker.on('message', (m: CheckpointMessage) => {
        if (m.type === 'ready') {
          ready = true;
          // Held until then: at start-up nothing else may keep the process alive yet.
          worker.unref();
          resolve();
        } else if (m.type === 'checkpointed') {
          this.checkpoints++;
          this.failures = 0;
          this.last = { log: m.log, checkpointed: m.checkpointed };
        }
      });
      worker.on('error', (err) => fail(err.message));
      worker.on('exit', (code) => fail(`exit code ${code}`));
    });
  }

  private async failed(why: string, wasReady: boolean): Promise<void> {
    if (this.state !== 'running') return;
    this.failures++;
    if (wasReady && this.failures <= this.opts.maxRestarts) {
      this.log.warn({ reason: why, failures: this.failures }, `SQLite checkpoint thread failed: started again in ${this.opts.restartDelayMs} ms`);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.state !== 'running') return;
        this.restarts++;
        void this.spawn();
      }, this.opts.restartDelayMs);
      this.timer.unref();
      return;
    }
    this.state = 'fallback';
    this.log.warn({ reason: why, failures: this.failures }, 'SQLite checkpoint thread cannot run: falling back to SQLite automatic checkpoints on the serving connection');
    await servingPragmas(this.database, AUTO_CHECKPOINT_PAGES, this.opts.journalSizeLimit).catch((err: unknown) => {
      this.log.warn({ err }, 'SQLite automatic checkpoints could not be set back');
    });
  }

  /** Stops the thread (after the serving connection's last write): its connection, closed last, copies the rest of the WAL. */
  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    clearTimeout(this.timer);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held until it exited, whatever else keeps the process alive.
    worker.ref();
    worker.postMessage({ type: 'stop' });
    const force = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(force);
  }
}

async function servingPragmas(database: Db, autoCheckpointPages: number, journalSizeLimit: number): Promise<void> {
  await sql.raw(`pragma wal_autocheckpoint = ${Math.trunc(autoCheckpointPages)}`).execute(database.db);
  await sql.raw(`pragma journal_size_limit = ${Math.trunc(journalSizeLimit)}`).execute(database.db);
}

type Settings = Required<Omit<CheckpointerOptions, 'file' | 'workerFile'>> & { thread: CheckpointWorkerData };

function settings(database: Db, opts: CheckpointerOptions): Settings {
  const triggerPages = opts.triggerPages ?? AUTO_CHECKPOINT_PAGES;
  const s = {
    triggerPages,
    pollMs: opts.pollMs ?? 100,
    safetyPages: opts.safetyPages ?? 10 * triggerPages,
    journalSizeLimit: opts.journalSizeLimit ?? 64 * 1024 * 1024,
    maxRestarts: opts.maxRestarts ?? 3,
    restartDelayMs: opts.restartDelayMs ?? 1000,
  };
  return { ...s, thread: { file: opts.file ?? database.location, triggerPages, pollMs: s.pollMs, journalSizeLimit: s.journalSizeLimit } };
}

/**
 * For `palabre serve`: on a SQLite file, the checkpoint thread when this process is the one that
 * runs it (`owner`: the single process, or worker 0), else only the serving connection's
 * safety-net pragmas (the owner's thread checkpoints the shared file). Undefined on PostgreSQL,
 * in memory, or when this process is not the owner.
 */
export async function startCheckpointer(database: Db, log: Logger, owner: boolean, opts: CheckpointerOptions = {}): Promise<Checkpointer | undefined> {
  if (!database.dialect.clientCheckpoints || database.location === ':memory:') return undefined;
  const resolved = settings(database, opts);
  if (!owner) {
    await servingPragmas(database, resolved.safetyPages, resolved.journalSizeLimit);
    return undefined;
  }
  let script: URL;
  try {
    script = opts.workerFile ?? (await workerFile(CHECKPOINT_WORKER_BUNDLE, new URL('./checkpoint.worker.ts', import.meta.url)));
  } catch (err) {
    log.warn({ err }, 'SQLite checkpoint thread cannot run: SQLite automatic checkpoints stay on the serving connection');
    return undefined;
  }
  const checkpointer = new Checkpointer(database, log, script, resolved);
  await checkpointer.start();
  return checkpointer;
}

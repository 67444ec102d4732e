// The SQLite checkpointer's thread (worker_threads), started by checkpointer.ts for `palabre serve`:
// its own connection to the database file moves the WAL's frames into the database
// (`PRAGMA wal_checkpoint(PASSIVE)`) off the event loop. Bundled as dist/sqlite-checkpoint-worker.js
// by scripts/build.mjs. Any error ends the thread: checkpointer.ts logs it, restarts it or falls back.
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

export interface CheckpointWorkerData {
  /** The database file. */
  file: string;
  /** Checkpoint once this many frames of the WAL are not yet in the database. */
  triggerPages: number;
  /** How often the WAL index is read. */
  pollMs: number;
  /** PRAGMA journal_size_limit (bytes) of this connection. */
  journalSizeLimit: number;
}

export type CheckpointMessage =
  | { type: 'ready' }
  | { type: 'checkpointed'; log: number; checkpointed: number }
  | { type: 'stopped' };

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// The wal-index header (https://www.sqlite.org/walformat.html, §2.1): two copies of 48 bytes, then the
// checkpoint information; native byte order. mxFrame: the WAL's last valid frame; nBackfill: the last
// frame copied into the database.
const HEADER_BYTES = 136;
const MX_FRAME = 16;
const N_BACKFILL = 96;

/** Frames of the WAL not yet in the database, or undefined on a torn read (a writer updating it). */
function pendingFrames(shm: number, buf: Buffer): number | undefined {
  if (readSync(shm, buf, 0, HEADER_BYTES, 0) < HEADER_BYTES) return undefined;
  if (!buf.subarray(0, 48).equals(buf.subarray(48, 96))) return undefined;
  const le = endianness() === 'LE';
  const frames = le ? buf.readUInt32LE(MX_FRAME) : buf.readUInt32BE(MX_FRAME);
  const nBackfill = le ? buf.readUInt32LE(N_BACKFILL) : buf.readUInt32BE(N_BACKFILL);
  return frames - Math.min(nBackfill, frames);
}

/**
 * One PASSIVE checkpoint: it never waits for, nor blocks, a writer. Under continuous writes a commit
 * mostly lands while it runs, so the next writer rarely finds the WAL all copied and starts it over:
 * the WAL then grows until the serving connection's own automatic checkpoint (10 × triggerPages) starts it over,
 * with at most triggerPages frames left to copy.
 */
function checkpoint(db: SqliteDatabase.Database): CheckpointMessage | undefined {
  const r = (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0] ?? { busy: 0, log: 0, checkpointed: 0 };
  // Another connection checkpointing at that moment (the serving one's automatic checkpoint): nothing
  // was done (SQLite answers busy, with -1 frames); the next poll tries again.
  if (r.checkpointed < 0) return undefined;
  return { type: 'checkpointed', log: r.log, checkpointed: r.checkpointed };
}

function run(port: NonNullable<typeof parentPort>, data: CheckpointWorkerData): void {
  const db = new SqliteDatabase(data.file, { fileMustExist: true });
  db.pragma(`journal_size_limit = ${Math.trunc(data.journalSizeLimit)}`);
  const shm = openSync(`${data.file}-shm`, 'r');
  const buf = Buffer.alloc(HEADER_BYTES);
  const timer = setInterval(() => {
    const pending = pendingFrames(shm, buf);
    const done = pending !== undefined && pending >= data.triggerPages ? checkpoint(db) : undefined;
    if (done) port.postMessage(done);
  }, data.pollMs);
  // The only message: stop.
  port.once('message', () => {
    clearInterval(timer);
    closeSync(shm);
    // The last connection to the database to close (the serving one closed first) copies the whole WAL and removes it.
    db.close();
    port.postMessage({ type: 'stopped' } satisfies CheckpointMessage);
    port.close();
  });
  port.postMessage({ type: 'ready' } satisfies CheckpointMessage);
}

if (parentPort) run(parentPort, workerData as CheckpointWorkerData);

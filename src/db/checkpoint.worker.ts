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
  | { type: 'checkpointed'; rounds: number; log: number; checkpointed: number }
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
  const mxFrame = le ? buf.readUInt32LE(MX_FRAME) : buf.readUInt32BE(MX_FRAME);
  const nBackfill = le ? buf.readUInt32LE(N_BACKFILL) : buf.readUInt32BE(N_BACKFILL);
  return mxFrame - Math.min(nBackfill, mxFrame);
}

/**
 * PASSIVE checkpoints (they never wait for, nor block, a writer) until the WAL is all in the
 * database, at most 4 rounds: commits made during one are copied by the next, shorter one, so
 * that the next writer finds the WAL fully copied and starts it again from its beginning.
 */
function checkpoint(db: SqliteDatabase.Database): CheckpointMessage {
  let r: CheckpointResult = { busy: 0, log: 0, checkpointed: 0 };
  let rounds = 0;
  do {
    r = (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0] ?? r;
    rounds++;
  } while (r.busy === 0 && r.log > r.checkpointed && rounds < 4);
  return { type: 'checkpointed', rounds, log: r.log, checkpointed: r.checkpointed };
}

function run(port: NonNullable<typeof parentPort>, data: CheckpointWorkerData): void {
  const db = new SqliteDatabase(data.file, { fileMustExist: true });
  db.pragma(`journal_size_limit = ${Math.trunc(data.journalSizeLimit)}`);
  const shm = openSync(`${data.file}-shm`, 'r');
  const buf = Buffer.alloc(HEADER_BYTES);
  const timer = setInterval(() => {
    const pending = pendingFrames(shm, buf);
    if (pending !== undefined && pending >= data.triggerPages) port.postMessage(checkpoint(db));
  }, data.pollMs);
  port.on('message', (m: { type: 'stop' }) => {
    if (m.type !== 'stop') return;
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

import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { isRelayMessage, isSubscribeMessage, Relay } from './infra/cluster-pubsub';
import { isTurnMessage, TurnKeeper, type TurnMessage } from './db/write-turns';

/** The worker that serves no request and writes the static snapshots (with PALABRE_STATIC_DIR). */
const SNAPSHOTS = 'snapshots';

/** Whether this process is the cluster's snapshot worker: it writes the snapshots and does not listen. */
export function isSnapshotWorker(): boolean {
  return cluster.isWorker && process.env.PALABRE_WORKER_INDEX === SNAPSHOTS;
}

/**
 * Whether this process does the site's housekeeping (the static snapshots, SQLite's checkpoints):
 * the only process; in a cluster, the snapshot worker with PALABRE_STATIC_DIR, else the first worker.
 */
export function isHousekeeper(config: Pick<Config, 'staticDir'>): boolean {
  if (!cluster.isWorker) return true;
  return config.staticDir ? isSnapshotWorker() : process.env.PALABRE_WORKER_INDEX === '0';
}

/** Whether this process is one worker among several (its pub/sub must reach the others). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * `palabre serve` with PALABRE_WORKERS (default: one per core) processes sharing the port.
 * The first worker starts alone (migrations, the demo newsroom), the others once it listens.
 * With PALABRE_STATIC_DIR one more worker, serving no request, writes the static snapshots (also
 * beside PALABRE_WORKERS=1, which is otherwise the one process serving and doing the rest): their
 * renders (an article's four orders, tens of ms each under a burst of comments) then take no turn
 * of a serving worker's event loop, where every request behind them waited. Without Redis the
 * primary relays each worker's publications to the other workers listening to their channels
 * (infra/cluster-pubsub.ts). A worker that dies is replaced; SIGTERM/SIGINT drains every worker
 * (each closes gracefully) then exits.
 */
export async function serveAll(config: Config, serve: (config: Config) => Promise<unknown>): Promise<void> {
  const count = config.workers ?? availableParallelism();
  if ((count <= 1 && !config.staticDir) || cluster.isWorker) {
    await serve(config);
    return;
  }
  let stopping = false;
  const workers = new Map<string, Worker>();
  // SQLite's write lock taken in turns (db/write-turns.ts); PostgreSQL's workers never ask.
  const turns = new TurnKeeper<Worker>((w) => {
    if (w.isConnected()) w.send({ palabre: 'write-turn', op: 'yours' } satisfies TurnMessage);
  });
  // Without Redis: each worker's publications, to the other workers listening to their channels.
  const relay = new Relay<Worker>();
  const fork = (index: string): Worker => {
    const w = cluster.fork({ PALABRE_WORKER_INDEX: index });
    workers.set(index, w);
    w.on('message', (m: unknown) => {
      if (isTurnMessage(m)) {
        if (m.op === 'take') turns.take(w);
        else turns.give(w);
        return;
      }
      if (isSubscribeMessage(m)) {
        const answer = relay.subscription(w, m);
        if (w.isConnected()) w.send(answer);
        return;
      }
      if (!isRelayMessage(m)) return;
      for (const [other, part] of relay.forward(w, m, workers.values())) if (other.isConnected()) other.send(part);
    });
    w.on('exit', (code, signal) => {
      turns.gone(w);
      relay.gone(w);
      if (workers.get(index) === w) workers.delete(index);
      if (stopping) {
        if (workers.size === 0) process.exit(0);
        return;
      }
      // Node types the signal as a string; it is null when the worker exited by itself.
      const cause: unknown = signal;
      console.error(`palabre: worker ${index} exited (${typeof cause === 'string' ? cause : code}); starting another`);
      setTimeout(() => fork(index), 500).unref();
    });
    return w;
  };
  const first = fork('0');
  await new Promise<void>((resolve, reject) => {
    first.once('listening', () => resolve());
    first.once('exit', (code) => reject(new Error(`the first worker exited with ${code} before listening`)));
  });
  for (let i = 1; i < count; i++) fork(String(i));
  if (config.staticDir) fork(SNAPSHOTS);
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    for (const w of workers.values()) w.process.kill('SIGTERM');
    // Each worker forces its own exit after 10 s; this is the last resort.
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  // Kept for a second SIGTERM: with `once`, the default action killed the primary mid-drain, and a
  // worker still closing then failed to tell it (EPIPE, an unhandled error) and was cut short.
  process.on('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** Names the worker that answered (`x-palabre-worker`), so an operator or a test can tell them apart. */
export function nameWorker(app: FastifyInstance): void {
  const index = process.env.PALABRE_WORKER_INDEX;
  if (!cluster.isWorker || index === undefined) return;
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('x-palabre-worker', index);
  });
}

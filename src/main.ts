import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { closeDeps, createDeps } from './deps';
import { loadDemo } from './demo/demo';
import { announceServedPages, startStaticSnapshots } from './static-snapshots';
import { isClusterWorker, isHousekeeper, isSnapshotWorker, nameWorker } from './cluster';
import { startCheckpointer } from './db/checkpointer';
import { useClusterTurns } from './db/write-turns';

/**
 * Starts the site: deps, migrations, demo content on an empty database, listen, graceful shutdown.
 * The cluster's snapshot worker (src/cluster.ts) builds the same site but does not listen: it
 * renders the snapshots' pages through app.inject.
 */
export async function serve(config: Config): Promise<FastifyInstance> {
  const deps = await createDeps(config);
  // SQLite in a cluster: the workers take turns at the write lock through the primary (db/write-turns.ts).
  const stopTurns = isClusterWorker() && deps.dialect.oneWriter ? useClusterTurns() : undefined;
  // SQLite: the WAL checkpointed on a thread of one process, not inside a request's COMMIT.
  const checkpointer = await startCheckpointer(deps.database, deps.log, isHousekeeper(config));
  if (config.demo) {
    const loaded = await loadDemo(deps);
    if (loaded) deps.log.info('demo newsroom loaded into the empty database');
  }
  const app = await buildApp(deps);
  nameWorker(app);
  let snapshots: { stop(): Promise<void> } | undefined;
  // A serving worker beside a snapshot worker tells it the pages it rendered (an author's page, a tag's feed…).
  const unannounce = config.staticDir && isClusterWorker() && !isSnapshotWorker() ? announceServedPages(deps) : undefined;
  app.addHook('onClose', async () => {
    unannounce?.();
    await snapshots?.stop();
    await closeDeps(deps);
    stopTurns?.();
    await checkpointer?.stop();
  });
  if (isSnapshotWorker()) await app.ready();
  else await app.listen({ port: config.port, host: config.host });
  if (config.staticDir && isHousekeeper(config)) snapshots = startStaticSnapshots(deps, app, config.staticDir);
  app.log.info(isSnapshotWorker() ? `Palabre is writing the static snapshots of ${config.baseUrl}` : `Palabre is serving ${config.baseUrl}`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // SIGTERM again (a supervisor or a script that asks twice) does not cut the drain: the handler
  // stays (the default action would kill the process mid-drain). A second Ctrl-C still quits.
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return app;
}

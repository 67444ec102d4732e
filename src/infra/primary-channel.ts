/**
 * How a cluster worker reaches the primary (src/cluster.ts): its IPC channel — `process` in a
 * worker, a stand-in in tests. The write turns (db/write-turns.ts) and the pub/sub relay
 * (infra/cluster-pubsub.ts) each speak their own messages over it.
 */
export interface PrimaryChannel<M> {
  send(m: M): void;
  /** Whether the primary is there to answer. */
  connected(): boolean;
  on(event: 'message' | 'disconnect', listener: (m?: unknown) => void): unknown;
  off(event: 'message' | 'disconnect', listener: (m?: unknown) => void): unknown;
}

/** This process's channel to its primary; what is sent while it is disconnected is dropped. */
export const processChannel: PrimaryChannel<object> = {
  send: (m) => {
    if (process.connected) process.send?.(m);
  },
  connected: () => process.connected,
  on: (event, listener) => process.on(event, listener),
  off: (event, listener) => process.off(event, listener),
};

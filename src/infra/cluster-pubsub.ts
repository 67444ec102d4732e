import { EventEmitter } from 'node:events';
import type { Handler, PubSub } from './pubsub';

/**
 * The IPC message that carries publications between the workers of one machine, through the
 * primary: those of one turn of the event loop together, in order ([channel, message] each).
 */
export interface RelayMessage {
  palabre: 'pubsub';
  batch: [channel: string, message: string][];
}

export function isRelayMessage(m: unknown): m is RelayMessage {
  return typeof m === 'object' && m !== null && (m as { palabre?: unknown }).palabre === 'pubsub' && Array.isArray((m as { batch?: unknown }).batch);
}

/**
 * A worker of `PALABRE_WORKERS` without Redis: delivered here at once, and sent to the
 * primary (src/cluster.ts), which hands it to every other worker — live comments and
 * page-cache invalidations reach the readers of every worker. The publications of one turn
 * of the event loop (a group of new comments) go in one message: one write to the pipe
 * and one read at the other end, not one per comment.
 */
export class ClusterPubSub implements PubSub {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private pending: RelayMessage['batch'] = [];
  private readonly onMessage = (m: unknown) => {
    if (!isRelayMessage(m)) return;
    for (const [channel, message] of m.batch) if (typeof channel === 'string' && typeof message === 'string') this.local.emit(channel, message);
  };

  constructor(private readonly send: (m: RelayMessage) => void = (m) => process.send?.(m)) {
    process.on('message', this.onMessage);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.local.emit(channel, message);
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push([channel, message]);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.send({ palabre: 'pubsub', batch });
  }

  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    this.local.on(channel, handler);
    return () => this.local.off(channel, handler);
  }

  /** No Redis: the relay through the primary is part of this machine, not a dependency that can be down. */
  sharedBusUp(): undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.flush();
    process.off('message', this.onMessage);
    this.local.removeAllListeners();
  }
}

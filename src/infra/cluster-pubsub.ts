import { EventEmitter } from 'node:events';
import type { Handler, PubSub } from './pubsub';

/** The IPC message that carries a publication between the workers of one machine, through the primary. */
export interface RelayMessage {
  palabre: 'pubsub';
  channel: string;
  message: string;
}

export function isRelayMessage(m: unknown): m is RelayMessage {
  return typeof m === 'object' && m !== null && (m as { palabre?: unknown }).palabre === 'pubsub';
}

/**
 * A worker of `PALABRE_WORKERS` without Redis: delivered here at once, and sent to the
 * primary (src/cluster.ts), which hands it to every other worker — live comments and
 * page-cache invalidations reach the readers of every worker.
 */
export class ClusterPubSub implements PubSub {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly onMessage = (m: unknown) => {
    if (isRelayMessage(m)) this.local.emit(m.channel, m.message);
  };

  constructor(private readonly send: (m: RelayMessage) => void = (m) => process.send?.(m)) {
    process.on('message', this.onMessage);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.local.emit(channel, message);
    this.send({ palabre: 'pubsub', channel, message });
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
    process.off('message', this.onMessage);
    this.local.removeAllListeners();
  }
}

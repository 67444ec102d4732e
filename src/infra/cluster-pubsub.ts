import { EventEmitter } from 'node:events';
import { processChannel, type PrimaryChannel } from './primary-channel';
import type { Handler, PubSub } from './pubsub';

/**
 * The IPC message that carries publications between the workers of one machine, through the
 * primary: those of one turn of the event loop together, in order ([channel, message] each).
 */
export interface RelayMessage {
  palabre: 'pubsub';
  batch: [channel: string, message: string][];
}

/**
 * A worker tells the primary it now listens to a channel (`on`) or no longer does: the primary
 * relays a publication only to the workers listening to its channel. `ask` numbers the question;
 * the primary answers `pubsub-subscribed` with it once the worker is on its list.
 */
export interface SubscribeMessage {
  palabre: 'pubsub-sub';
  channel: string;
  on: boolean;
  ask: number;
}

export interface SubscribedMessage {
  palabre: 'pubsub-subscribed';
  ask: number;
}

/** What a worker sends the primary. */
export type WorkerBusMessage = RelayMessage | SubscribeMessage;

export function isRelayMessage(m: unknown): m is RelayMessage {
  return typeof m === 'object' && m !== null && (m as { palabre?: unknown }).palabre === 'pubsub' && Array.isArray((m as { batch?: unknown }).batch);
}

export function isSubscribeMessage(m: unknown): m is SubscribeMessage {
  if (typeof m !== 'object' || m === null) return false;
  const s = m as Partial<SubscribeMessage>;
  return s.palabre === 'pubsub-sub' && typeof s.channel === 'string' && typeof s.on === 'boolean' && typeof s.ask === 'number';
}

function isSubscribedMessage(m: unknown): m is SubscribedMessage {
  return typeof m === 'object' && m !== null && (m as { palabre?: unknown }).palabre === 'pubsub-subscribed' && typeof (m as { ask?: unknown }).ask === 'number';
}

/** How long a subscription waits for the primary's answer before going on without it (ms). */
const SUBSCRIBE_WAIT_MS = 2000;

/** How a worker reaches the primary for the relay (infra/primary-channel.ts). */
export type BusChannel = PrimaryChannel<WorkerBusMessage>;

/**
 * A worker of `PALABRE_WORKERS` without Redis: delivered here at once, and sent to the
 * primary (src/cluster.ts), which hands it to the other workers listening to its channel —
 * live comments reach the readers of every worker, page-cache invalidations every worker,
 * and a new comment's text goes to no process that has no reader of its article (the
 * snapshot worker never has one). The publications of one turn of the event loop (a group
 * of new comments) go in one message: one write to the pipe and one read at the other end,
 * not one per comment.
 *
 * A subscription to a channel this worker did not listen to yet resolves once the primary
 * has it on its list (as Redis answers SUBSCRIBE): a reader who subscribes, then reads what
 * it missed from the database, cannot lose a comment published between the two.
 */
export class ClusterPubSub implements PubSub {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private pending: RelayMessage['batch'] = [];
  /** Channels whose subscription the primary has not confirmed yet, with what confirms it. */
  private readonly confirming = new Map<string, { ask: number; done: Promise<void>; resolve: () => void }>();
  private asked = 0;
  private readonly onMessage = (m: unknown) => {
    if (isSubscribedMessage(m)) {
      for (const [channel, c] of this.confirming) if (c.ask === m.ask) this.confirmed(channel);
      return;
    }
    if (!isRelayMessage(m)) return;
    for (const [channel, message] of m.batch) if (typeof channel === 'string' && typeof message === 'string') this.local.emit(channel, message);
  };
  /** The primary is gone: nobody will confirm anything. */
  private readonly onDisconnect = () => {
    for (const channel of [...this.confirming.keys()]) this.confirmed(channel);
  };

  constructor(private readonly channel: BusChannel = processChannel) {
    channel.on('message', this.onMessage);
    channel.on('disconnect', this.onDisconnect);
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
    this.channel.send({ palabre: 'pubsub', batch });
  }

  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    // The primary hears of the first subscriber here and of the last to leave (the emitter counts them).
    if (this.local.listenerCount(channel) === 0) this.tellPrimary(channel, true);
    this.local.on(channel, handler);
    let subscribed = true;
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
      this.local.off(channel, handler);
      if (this.local.listenerCount(channel) === 0) this.tellPrimary(channel, false);
    };
    await this.confirming.get(channel)?.done;
    return unsubscribe;
  }

  private tellPrimary(channel: string, on: boolean): void {
    const ask = ++this.asked;
    if (!this.channel.connected()) return;
    if (on) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => {
        resolve = r;
      });
      // A primary too busy to answer for this long delays no reader further.
      const timer = setTimeout(() => this.confirmed(channel), SUBSCRIBE_WAIT_MS);
      timer.unref();
      this.confirming.set(channel, {
        ask,
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    }
    this.channel.send({ palabre: 'pubsub-sub', channel, on, ask });
  }

  private confirmed(channel: string): void {
    const c = this.confirming.get(channel);
    this.confirming.delete(channel);
    c?.resolve();
  }

  /** No Redis: the relay through the primary is part of this machine, not a dependency that can be down. */
  sharedBusUp(): undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.flush();
    this.onDisconnect();
    this.channel.off('message', this.onMessage);
    this.channel.off('disconnect', this.onDisconnect);
    this.local.removeAllListeners();
  }
}

/**
 * The primary's side (src/cluster.ts): which worker listens to which channel, and what of a
 * worker's publications each other worker gets — only the channels it listens to, in order.
 */
export class Relay<W> {
  private readonly listening = new Map<W, Set<string>>();

  /** A worker's subscription changed; returns the answer it waits for. */
  subscription(worker: W, m: SubscribeMessage): SubscribedMessage {
    const channels = this.listening.get(worker) ?? new Set<string>();
    if (m.on) channels.add(m.channel);
    else channels.delete(m.channel);
    if (channels.size > 0) this.listening.set(worker, channels);
    else this.listening.delete(worker);
    return { palabre: 'pubsub-subscribed', ask: m.ask };
  }

  /** The messages to send for a worker's publications: to each other worker, the part it listens to. */
  forward(from: W, m: RelayMessage, workers: Iterable<W>): [W, RelayMessage][] {
    const out: [W, RelayMessage][] = [];
    for (const to of workers) {
      const channels = to === from ? undefined : this.listening.get(to);
      if (!channels) continue;
      const batch = m.batch.filter(([channel]) => channels.has(channel));
      if (batch.length === m.batch.length) out.push([to, m]);
      else if (batch.length > 0) out.push([to, { palabre: 'pubsub', batch }]);
    }
    return out;
  }

  /** A worker exited: its subscriptions go with it. */
  gone(worker: W): void {
    this.listening.delete(worker);
  }
}

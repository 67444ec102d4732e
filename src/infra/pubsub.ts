import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export type Handler = (message: string) => void;

/** Publish/subscribe between the instances of one site: live comments, cache invalidation. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes; returns the function that unsubscribes. */
  subscribe(channel: string, handler: Handler): Promise<() => void>;
  close(): Promise<void>;
  /** Whether the shared bus (Redis) is reachable; undefined when there is none (one process). */
  sharedBusUp(): boolean | undefined;
}

/** One process: an EventEmitter. */
export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
  }
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
  sharedBusUp(): undefined {
    return undefined;
  }
}

/**
 * Many instances: Redis PUBLISH/SUBSCRIBE. One subscriber connection per process,
 * fanned out locally, so thousands of open pages cost one Redis subscription per channel.
 *
 * While Redis is down, messages are fanned out in this process only (the readers of
 * this instance still see live comments and its cache is still invalidated) rather
 * than waiting for Redis: the clients keep no offline queue, so nothing blocks, and
 * the subscriptions are made again when the connection is back.
 */
export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly counts = new Map<string, number>();
  /** The first connection, awaited (2 s at most) before the first publish or subscribe; never again. */
  private readonly started: Promise<void>;

  constructor(url: string, private readonly prefix = 'palabre:') {
    this.pub = new Redis(url, FAIL_FAST_REDIS);
    // The subscriber's commands are its subscriptions; it waits for messages, so no command timeout.
    this.sub = new Redis(url, { ...FAIL_FAST_REDIS, commandTimeout: undefined, autoResubscribe: false });
    this.sub.on('message', (channel: string, message: string) => {
      this.local.emit(channel.slice(this.prefix.length), message);
    });
    // Connection errors are retried by ioredis; an unhandled 'error' event would crash the process.
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
    this.sub.on('ready', () => {
      const channels = [...this.counts.keys()].map((c) => this.prefix + c);
      if (channels.length > 0) void this.sub.subscribe(...channels).catch(() => undefined);
    });
    this.started = Promise.all([redisReady(this.pub), redisReady(this.sub)]).then(() => undefined);
  }

  sharedBusUp(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.started;
    if (this.sharedBusUp()) {
      try {
        await this.pub.publish(this.prefix + channel, message);
        return;
      } catch {
        // Redis went away between the check and the command: this process's readers still hear it.
      }
    }
    this.local.emit(channel, message);
  }

  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    await this.started;
    this.local.on(channel, handler);
    const n = (this.counts.get(channel) ?? 0) + 1;
    this.counts.set(channel, n);
    // When Redis is down, the 'ready' listener subscribes once it is back.
    if (n === 1 && this.sub.status === 'ready') await this.sub.subscribe(this.prefix + channel).catch(() => undefined);
    return () => {
      this.local.off(channel, handler);
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left <= 0) {
        this.counts.delete(channel);
        if (this.sub.status === 'ready') void this.sub.unsubscribe(this.prefix + channel).catch(() => undefined);
      } else this.counts.set(channel, left);
    };
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    // quit() waits for a connection that may never come back; a dead one is just dropped.
    await Promise.allSettled(
      [this.pub, this.sub].map(async (c) => {
        if (c.status === 'ready') await c.quit();
        else c.disconnect();
      }),
    );
  }
}

/** Start-up waits this long for Redis, so the first requests count in Redis; past it, the site starts without. */
const READY_WAIT_MS = 2000;

/** Resolves when the client is ready, or after READY_WAIT_MS (then Redis is down and memory counts). */
export async function redisReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, READY_WAIT_MS);
    function done(): void {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
    redis.once('ready', done);
  });
}

/** Redis client options for work that must not wait for Redis: no queue while disconnected, short command timeout. */
export const FAIL_FAST_REDIS = { enableOfflineQueue: false, commandTimeout: 500, connectTimeout: 1000, maxRetriesPerRequest: 0 } as const;

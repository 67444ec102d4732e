import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export type Handler = (message: string) => void;

/** Publish/subscribe between the instances of one site: live comments, cache invalidation. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes; returns the function that unsubscribes. */
  subscribe(channel: string, handler: Handler): Promise<() => void>;
  close(): Promise<void>;
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
}

/**
 * Many instances: Redis PUBLISH/SUBSCRIBE. One subscriber connection per process,
 * fanned out locally, so thousands of open pages cost one Redis subscription per channel.
 */
export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly counts = new Map<string, number>();

  constructor(url: string, private readonly prefix = 'palabre:') {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.sub.on('message', (channel: string, message: string) => {
      this.local.emit(channel.slice(this.prefix.length), message);
    });
    // Connection errors are retried by ioredis; an unhandled 'error' event would crash the process.
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.pub.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    this.local.on(channel, handler);
    const n = (this.counts.get(channel) ?? 0) + 1;
    this.counts.set(channel, n);
    if (n === 1) await this.sub.subscribe(this.prefix + channel);
    return () => {
      this.local.off(channel, handler);
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left <= 0) {
        this.counts.delete(channel);
        void this.sub.unsubscribe(this.prefix + channel).catch(() => undefined);
      } else this.counts.set(channel, left);
    };
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

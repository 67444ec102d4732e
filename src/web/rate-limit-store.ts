import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor, RateLimitOptions } from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { Redis } from 'ioredis';

type Done = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteParams = Parameters<FastifyRateLimitStore['child']>[0];

/** The store contract of @fastify/rate-limit, with the `read` its own stores have (used by `increment: false`). */
export interface RateStore extends FastifyRateLimitStore {
  read(key: string, done: Done, timeWindow: number, max: number): void;
  child(routeOptions: RouteParams): RateStore;
}

/**
 * Counts in Redis while Redis answers, and in this process's memory while it does
 * not: with Redis down, each instance limits on its own (a flood is still slowed,
 * by the number of instances at worst) instead of every request waiting for a
 * Redis that is not there. The Redis client has no offline queue, so a command
 * fails at once when the connection is down and the answer comes from memory.
 */
class FallbackStore implements RateStore {
  constructor(
    private readonly redis: Redis,
    private readonly remote: RateStore,
    private readonly local: RateStore,
  ) {}

  private run(method: 'incr' | 'read', key: string, done: Done, timeWindow: number, max: number): void {
    if (this.redis.status !== 'ready') { this.local[method](key, done, timeWindow, max); return; }
    this.remote[method](key, (err, result) => (err ? this.local[method](key, done, timeWindow, max) : done(null, result)), timeWindow, max);
  }

  incr(key: string, done: Done, timeWindow: number, max: number): void {
    this.run('incr', key, done, timeWindow, max);
  }

  read(key: string, done: Done, timeWindow: number, max: number): void {
    this.run('read', key, done, timeWindow, max);
  }

  child(routeOptions: RouteParams): RateStore {
    return new FallbackStore(this.redis, this.remote.child(routeOptions), this.local.child(routeOptions));
  }
}

/** The store class @fastify/rate-limit's `store` option takes, bound to one Redis client and key prefix. */
export function redisStoreWithFallback(redis: Redis, nameSpace: string): FastifyRateLimitStoreCtor {
  return class extends FallbackStore {
    constructor(options: FastifyRateLimitOptions) {
      const params = options as RateLimitOptions;
      super(
        redis,
        new RedisStore(params.continueExceeding, params.exponentialBackoff, redis, nameSpace),
        new LocalStore(params.continueExceeding, params.exponentialBackoff),
      );
    }
  };
}

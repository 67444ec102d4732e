import underPressure from '@fastify/under-pressure';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps';
import { RETRY_AFTER_SECONDS } from './error-handler';

/** How long the health check waits for the database before calling it down. */
const DATABASE_CHECK_MS = 1000;

/**
 * Load shedding: the server is overloaded when the event loop is late by this much
 * on average over a sample (every request then waits that long before it starts)
 * while many requests wait for their answer. Lag alone is not enough: SQLite queries and
 * loading the moderation models block the loop for a moment at start-up, with
 * nobody waiting.
 */
export const OVERLOAD = { maxEventLoopDelayMs: 200, sampleIntervalMs: 1000, minInFlight: 16 } as const;

async function databaseUp(deps: Deps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS);
  });
  try {
    return await Promise.race([sql`select 1`.execute(deps.db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /api/v1/health: 200 when every dependency answers, else 503 naming the ones
 * that do not (`database`, `redis`). Redis down is 503 too although the site still
 * serves (limits and live updates per process): the operator must know.
 * `redisUp` is undefined when the site runs without Redis.
 */
export function registerHealth(app: FastifyInstance, deps: Deps, redisUp: () => boolean | undefined): void {
  app.get('/api/v1/health', async (_request, reply) => {
    const database = await databaseUp(deps);
    const redis = redisUp();
    const down = [...(database ? [] : ['database']), ...(redis === false ? ['redis'] : [])];
    const body = {
      status: down.length === 0 ? 'ok' : 'unavailable',
      engine: deps.dialect.engine,
      version: process.env.npm_package_version ?? '0.1.0',
      dependencies: { database: database ? 'up' : 'down', ...(redis === undefined ? {} : { redis: redis ? 'up' : 'down' }) },
      ...(down.length > 0 ? { down, message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` } : {}),
    };
    reply.header('cache-control', 'no-store');
    if (down.length > 0) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.code(down.length > 0 ? 503 : 200).send(body);
  });
}

/**
 * Overload shedding (@fastify/under-pressure): when the event loop lags with many
 * requests waiting for their answer, new requests are answered 503 with Retry-After at once rather
 * than queued behind the others.
 */
export async function registerOverloadShedding(app: FastifyInstance, limits: { maxEventLoopDelayMs: number; sampleIntervalMs: number; minInFlight: number } = OVERLOAD): Promise<{ waiting(): number }> {
  // Requests not answered yet; an event stream has sent its headers and waits for nothing.
  const open = new Set<{ headersSent: boolean }>();
  const waiting = (): number => {
    let n = 0;
    for (const res of open) if (!res.headersSent) n += 1;
    return n;
  };
  app.addHook('onRequest', (_request, reply, done) => {
    const res = reply.raw;
    open.add(res);
    res.once('close', () => open.delete(res));
    done();
  });
  const overloaded = Object.assign(new Error('the server is overloaded'), { statusCode: 503 });
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    sampleInterval: limits.sampleIntervalMs,
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: (_request, reply) => {
      if (waiting() < limits.minInFlight) return undefined;
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return Promise.reject(overloaded);
    },
  });
  return { waiting };
}

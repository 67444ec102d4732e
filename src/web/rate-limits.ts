import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { RateLimitedError } from './errors';
import { sha256 } from './security';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who a write is counted against: the account when signed in (staff share no address), else the address. */
function writer(request: FastifyRequest): string {
  return request.user ? `user:${request.user.id}` : `ip:${request.ip}`;
}

/**
 * The limit of every write route that sets none of its own: generous for people,
 * a wall for a runaway script or a stolen session. Counted after authentication
 * (`preHandler`), per account or per address.
 */
export const DEFAULT_WRITE_LIMIT = { max: 300, timeWindow: 60_000, hook: 'preHandler' as const, keyGenerator: writer };

/**
 * Routes that send an email to an address taken from the request: besides their
 * own limit (per sender), each recipient gets at most `perRecipient` mails per
 * window from them, so nobody can flood one inbox from many addresses.
 * /password/forgot counts per account in its own throttle.
 */
export const MAIL_ROUTES: Record<string, { perRecipient: number; windowMs: number }> = {
  'POST /api/v1/invitations': { perRecipient: 3, windowMs: 3_600_000 },
  'POST /admin/users/invite': { perRecipient: 3, windowMs: 3_600_000 },
  'POST /privacy/guest': { perRecipient: 3, windowMs: 3_600_000 },
};

function recipient(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}

/** A route as it was added, for audits (the test that every write has a limit, the fuzzer). */
export interface RouteEntry {
  methods: string[];
  url: string;
  route: RouteOptions;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

function addPreHandler(route: RouteOptions, hook: NonNullable<RouteOptions['preHandler']>): void {
  const existing = route.preHandler;
  route.preHandler = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), ...(Array.isArray(hook) ? hook : [hook])];
}

/**
 * Gives every unsafe route a rate limit: its own `config.rateLimit` if it has one,
 * else DEFAULT_WRITE_LIMIT; mail-sending routes also get a per-recipient limit.
 * Registered before @fastify/rate-limit, whose own onRoute hook then reads the config.
 */
export function registerRateLimitDefaults(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', () => table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    table.push({ methods, url: route.url, route });
    if (!methods.some((m) => UNSAFE.has(m))) return;
    const config = (route.config ?? {}) as { rateLimit?: unknown };
    if (config.rateLimit == null) route.config = { ...config, rateLimit: DEFAULT_WRITE_LIMIT };
    for (const method of methods) {
      const mail = MAIL_ROUTES[`${method} ${route.url}`];
      if (!mail) continue;
      let limiter: Limiter | undefined;
      addPreHandler(route, async function perRecipient(request) {
        const to = recipient(request);
        if (!to) return;
        limiter ??= app.createRateLimit({ max: mail.perRecipient, timeWindow: mail.windowMs, keyGenerator: (req) => `mail:${route.url}:${sha256(recipient(req))}` });
        const r = await limiter(request);
        if (!r.isAllowed && r.isExceeded) throw new RateLimitedError(Math.max(1, r.ttlInSeconds));
      });
    }
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../../web/errors';
import { sha256 } from '../../web/security';

/**
 * Failed sign-ins allowed per window: per client address (any accounts), and per
 * account *from one address*. Not per account alone: then anyone could lock an
 * admin out by failing ten times from anywhere; argon2 and the common-password
 * check are what keep a spread-out guessing attack slow and hopeless.
 */
export const LOGIN_LIMITS: ThrottleLimits = { perAddress: 30, perAccount: 10, windowMs: 15 * 60_000, accountKey: 'pair' };

/**
 * `accountKey`: 'pair' counts an account's failures per address (sign-in); 'account'
 * counts them across addresses (the password-reset form, whose harm is mail to one inbox).
 */
export interface ThrottleLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
  accountKey: 'pair' | 'account';
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Throttles failed sign-ins per address and per account (see ThrottleLimits). Counters live in the
 * rate-limit plugin's store, which is Redis when REDIS_URL is set, so every
 * instance sees the same counts. Only failures count; an unknown email is
 * counted like a known one, so the throttle reveals nothing either.
 */
export class LoginThrottle {
  private readonly byAddress: Limiter;
  private readonly byAccount: Limiter;

  constructor(app: FastifyInstance, scope: string, limits: ThrottleLimits = LOGIN_LIMITS) {
    this.byAddress = app.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (req) => `${scope}-ip:${req.ip}` });
    this.byAccount = app.createRateLimit({
      max: limits.perAccount,
      timeWindow: limits.windowMs,
      keyGenerator: (req) =>
        limits.accountKey === 'pair' ? `${scope}-pair:${sha256(`${accountKey(req)}\n${req.ip}`)}` : `${scope}-acct:${sha256(accountKey(req))}`,
    });
  }

  /** Throws 429 when the address or the account has used up its failures. */
  async check(request: FastifyRequest): Promise<void> {
    for (const limiter of [this.byAddress, this.byAccount]) {
      const r = await limiter(request, { increment: false });
      if (!r.isAllowed && r.remaining <= 0) throw new RateLimitedError(Math.max(1, r.ttlInSeconds));
    }
  }

  /** Counts one failure against both the address and the account. */
  async fail(request: FastifyRequest): Promise<void> {
    await this.byAddress(request);
    await this.byAccount(request);
  }
}

function accountKey(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}

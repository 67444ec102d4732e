import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CsrfError } from './errors';

/** The Content-Security-Policy of every page: no inline script, nothing from elsewhere. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** One year, in seconds (HSTS). */
export const HSTS_MAX_AGE = 31_536_000;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** SHA-256, hex: for tokens and session ids, which are random and need no slow hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Keyed hash of a client address: lets flood checks and bans work without storing the address. */
export function hashIp(secret: string, ip: string): string {
  return createHmac('sha256', secret).update(`ip:${ip}`).digest('base64url').slice(0, 32);
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** The origin (scheme://host[:port]) of a URL, or undefined when it is not one. */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === 'null' ? undefined : u.origin;
  } catch {
    return undefined;
  }
}

/**
 * Adds the security headers to every response and refuses cross-site changes:
 * an unsafe request that is not authenticated by a Bearer token must come from
 * this site's origin (Origin, else Referer). A request with neither header is
 * accepted only when it carries no cookie and is not a form post, since it then
 * has no ambient authority for another site to borrow.
 */
export function registerSecurity(app: FastifyInstance, baseUrl: string): void {
  const siteOrigin = originOf(baseUrl);
  // Over https, browsers are told to never try plain http again for a year.
  const headers = baseUrl.startsWith('https:') ? { ...SECURITY_HEADERS, 'strict-transport-security': `max-age=${HSTS_MAX_AGE}` } : SECURITY_HEADERS;
  // A callback hook: no promise for what every request goes through.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (!UNSAFE.has(request.method) || request.headers.authorization?.startsWith('Bearer ') || request.routeOptions.config.crossSitePost === true) {
      done();
      return;
    }
    done(sameOrigin(request, siteOrigin) ? undefined : new CsrfError());
  });
}

/** Whether an unsafe request may come from where it says it comes from (see registerSecurity). */
function sameOrigin(request: FastifyRequest, siteOrigin: string | undefined): boolean {
  const origin = request.headers.origin ?? (request.headers.referer ? originOf(request.headers.referer) : undefined);
  if (origin === undefined || origin === 'null') {
    const type = request.headers['content-type'] ?? '';
    const isForm = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/') || type.startsWith('text/plain');
    return !(request.headers.cookie || isForm || request.headers.origin === 'null');
  }
  const host = request.headers.host;
  return origin === siteOrigin || (!!host && origin === `${request.protocol}://${host}`);
}

import { createHmac } from 'node:crypto';
import { safeEqual } from '../../web/security';

/**
 * The signed time-to-submit token of the comment form: when it was issued and for
 * which article, signed with the site's secret. A bot that posts the form the
 * instant it loads it, or forges the field, is held for a moderator.
 *
 * The anonymous article page is cached (up to a minute, the same bytes for
 * everyone), so a token printed into the page is shared and older than the
 * reader's visit. The browser script therefore asks for a fresh one
 * (GET /api/v1/articles/:id/comments/token) when the page opens; without
 * JavaScript the printed token still works, it only makes the "too fast" check
 * more lenient (it can never hold a human by mistake).
 */
const MAX_AGE_MS = 2 * 24 * 3600 * 1000;

function sign(secret: string, articleId: number, issuedAt: number): string {
  return createHmac('sha256', secret).update(`comment-form:${articleId}:${issuedAt}`).digest('base64url').slice(0, 22);
}

/** A token for the article's form, issued now. */
export function issueFormToken(secret: string, articleId: number, now: Date): string {
  const t = now.getTime();
  return `${t.toString(36)}.${sign(secret, articleId, t)}`;
}

export type TokenCheck = { ok: true; ageMs: number } | { ok: false; problem: 'missing' | 'invalid' | 'expired' };

/** Checks a token sent back with the form. */
export function checkFormToken(secret: string, articleId: number, token: string | undefined, now: Date): TokenCheck {
  if (!token) return { ok: false, problem: 'missing' };
  const [ts, sig] = token.split('.');
  const issuedAt = ts ? Number.parseInt(ts, 36) : Number.NaN;
  if (!sig || !Number.isFinite(issuedAt) || !safeEqual(sig, sign(secret, articleId, issuedAt))) return { ok: false, problem: 'invalid' };
  const ageMs = now.getTime() - issuedAt;
  if (ageMs > MAX_AGE_MS || ageMs < -60_000) return { ok: false, problem: 'expired' };
  return { ok: true, ageMs };
}

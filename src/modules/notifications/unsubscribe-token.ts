import { createHmac } from 'node:crypto';
import { safeEqual } from '../../web/security';

/**
 * The token of a reply email's one-click unsubscribe link: the id of the comment whose
 * replies are emailed, signed with the site's secret. It never expires (an old email must
 * still stop the next one) and does one harmless thing, so it carries nothing else.
 */
function sign(secret: string, commentId: number): string {
  return createHmac('sha256', secret).update(`reply-notifications:off:${commentId}`).digest('base64url').slice(0, 22);
}

/** The token that turns off reply emails for this comment. */
export function unsubscribeToken(secret: string, commentId: number): string {
  return `${commentId.toString(36)}.${sign(secret, commentId)}`;
}

/** The comment id a token was made for, or undefined when it is malformed or forged. */
export function verifyUnsubscribeToken(secret: string, token: string): number | undefined {
  const m = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m?.[1] || !m[2]) return undefined;
  const id = Number.parseInt(m[1], 36);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return safeEqual(m[2], sign(secret, id)) ? id : undefined;
}

import { RateLimitedError } from '../../../web/errors';
import { checkFormToken } from '../form-token';
import type { Phase } from '../pipeline';
import { bodyHash } from '../text';

/**
 * The honeypot: a field people never see. Filled, it is a bot: the comment is
 * kept as spam (never public) and the bot is answered as if it were accepted.
 */
export const honeypot: Phase = (ctx) =>
  ctx.form?.honeypot ? { status: 'spam', reasons: [{ code: 'honeypot' }], metadata: { disguise: 'pending' } } : undefined;

/** The signed time-to-submit token (HTML form, and JSON API callers without an API token): forged, missing, expired or too fast holds. */
export const formToken: Phase = (ctx) => {
  if (!ctx.form || ctx.settings.minSubmitSeconds === 0) return undefined;
  const check = checkFormToken(ctx.secret, ctx.article.id, ctx.form.token, ctx.now);
  if (!check.ok) return { status: 'pending', reasons: [{ code: 'form_token', detail: check.problem }] };
  const seconds = check.ageMs / 1000;
  if (seconds < ctx.settings.minSubmitSeconds) return { status: 'pending', reasons: [{ code: 'too_fast', detail: seconds.toFixed(1) }], scores: { submitSeconds: seconds } };
  return undefined;
};

/** At most one comment per `floodSeconds` per client: the commenter is told to wait. */
export const flood: Phase = async (ctx) => {
  if (ctx.settings.floodSeconds === 0) return undefined;
  const last = await ctx.lookups.lastCommentAt();
  if (!last) return undefined;
  const wait = ctx.settings.floodSeconds - (ctx.now.getTime() - new Date(last).getTime()) / 1000;
  if (wait > 0) throw new RateLimitedError(Math.ceil(wait));
  return undefined;
};

/** The same text twice (by this commenter, or under this article) is held. */
export const repeat: Phase = async (ctx) =>
  (await ctx.lookups.isRepeat(bodyHash(ctx.body))) ? { status: 'pending', reasons: [{ code: 'repeat' }] } : undefined;

/** Slow mode on this article: one comment per reader per N minutes (staff pass before this phase). */
export const slowMode: Phase = async (ctx) => {
  if (ctx.article.slowModeMinutes <= 0 || ctx.dryRun) return undefined;
  const wait = await ctx.lookups.claimSlowSlot(ctx.article.slowModeMinutes);
  if (wait !== undefined) throw new RateLimitedError(wait);
  return undefined;
};

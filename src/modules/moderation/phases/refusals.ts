import { AppError, CommentsClosedError, ValidationError } from '../../../web/errors';
import type { Phase } from '../pipeline';
import { isDiscussionOpen } from '../settings';

export const MIN_LENGTH = 2;
export const MAX_LENGTH = 5000;

/** 403: the commenter (account, email or address) is banned. */
export class BannedError extends AppError {
  constructor() {
    super('banned', 403, 'you may not comment on this site');
  }
}

/** Closed discussions refuse new comments (the article's switch, or closeAfterDays). */
export const closed: Phase = (ctx) => {
  if (!isDiscussionOpen(ctx.article, ctx.settings, ctx.now)) throw new CommentsClosedError();
  return undefined;
};

/** Too short or too long: the commenter is told; the trimmed text goes on. */
export const length: Phase = (ctx) => {
  const len = ctx.body.trim().length;
  if (len < MIN_LENGTH) throw new ValidationError('body', `too short (at least ${MIN_LENGTH} characters)`);
  if (len > MAX_LENGTH) throw new ValidationError('body', `too long (at most ${MAX_LENGTH} characters)`);
  return { body: ctx.body.trim() };
};

/** A banned account, email or address is refused. */
export const banned: Phase = async (ctx) => {
  if (await ctx.lookups.activeBan()) throw new BannedError();
  return undefined;
};

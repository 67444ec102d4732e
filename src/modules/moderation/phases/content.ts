import { logit, sigmoid } from '../classifier/logistic';
import { commentFeatures, shippedModel } from '../classifier/models';
import type { Phase } from '../pipeline';
import { findProfanity } from '../profanity';
import { isUnreadable, measureReadability } from '../readability';

/** Share of unknown letters (with at least two unknown words) above which a text is unreadable. */
export const UNREADABLE_SHARE = 0.25;

/** Garbled or keyboard-mashed text is held; informal writing with a few typos is not. */
export const unreadable: Phase = (ctx) => {
  const r = measureReadability(ctx.body);
  const scores = { unknownWords: Number(r.unknownShare.toFixed(3)) };
  if (!isUnreadable(r, UNREADABLE_SHARE)) return { scores, metadata: { lang: r.lang } };
  return { status: 'pending', reasons: [{ code: 'unreadable', detail: r.unknownWords.slice(0, 5).join(', ') }], scores, metadata: { lang: r.lang } };
};

/** Crude words are noted for the moderators (alone they do not hold: readers swear without insulting). */
export const profanity: Phase = (ctx) => {
  const found = findProfanity(ctx.body);
  return found.length ? { reasons: [{ code: 'profanity', detail: found.slice(0, 5).join(', ') }] } : undefined;
};

/**
 * The spam model, shipped and taught by this site's moderators: above its
 * filing threshold the comment goes to spam, above its holding threshold to the
 * queue. The reason says whether the site's lessons made the difference.
 */
export const spam: Phase = async (ctx) => {
  const model = shippedModel('spam');
  const x = commentFeatures(ctx.body);
  const base = sigmoid(logit(model, x));
  const learned = sigmoid(logit(model, x, await ctx.lookups.learnedSpamWeights()));
  const scores = { spam: Number(learned.toFixed(4)), spamBase: Number(base.toFixed(4)) };
  if (learned < model.hold) return { scores };
  const code = base >= model.hold ? 'spam' : 'learned_spam';
  const status = model.file !== undefined && learned >= model.file ? 'spam' : 'pending';
  return { status, reasons: [{ code, detail: learned.toFixed(2) }], scores };
};

/** Toxicity at which a comment is held even without a crude word. */
export const TOXIC_ALONE = 0.9;
/** Toxicity at which a comment that also contains a crude word is held. */
export const TOXIC_WITH_PROFANITY = 0.5;

/**
 * The toxicity model (insults, hate, harassment) with the crude-word lists: a
 * comment is held when the model is very sure, or fairly sure and a listed word
 * appears. The model alone is weak on plain French (see docs/moderation.md), so
 * it is not trusted at its cross-validated threshold without a word to back it.
 */
export const toxicity: Phase = (ctx) => {
  const model = shippedModel('toxicity');
  const p = sigmoid(logit(model, commentFeatures(ctx.body)));
  const scores = { toxicity: Number(p.toFixed(4)) };
  const held = p >= TOXIC_ALONE || (p >= TOXIC_WITH_PROFANITY && findProfanity(ctx.body).length > 0);
  return held ? { status: 'pending', reasons: [{ code: 'toxic', detail: p.toFixed(2) }], scores } : { scores };
};

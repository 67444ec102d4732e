import { logit, sigmoid } from '../classifier/logistic';
import { commentFeatures, readToxicity, shippedModel } from '../classifier/models';
import type { Phase } from '../pipeline';
import { findProfanity } from '../profanity';
import { isUnreadable, measureReadability, readsAsFrench } from '../readability';

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
  const learned = sigmoid(logit(model, x, await ctx.lookups.learnedWeights('spam')));
  const scores = { spam: Number(learned.toFixed(4)), spamBase: Number(base.toFixed(4)) };
  if (learned < model.hold) return { scores };
  const code = base >= model.hold ? 'spam' : 'learned_spam';
  const status = model.file !== undefined && learned >= model.file ? 'spam' : 'pending';
  return { status, reasons: [{ code, detail: learned.toFixed(2) }], scores };
};

/**
 * The toxicity model (insults, hate, harassment, threats), shipped and taught by
 * this site's moderators (a rejection is a lesson): a comment is held when the
 * model is sure on its own (`hold`), or fairly sure (`holdBacked`) and a listed
 * word backs it — a crude word, or a sign of the harm lexicon (an insult aimed
 * at someone, a group and a generalisation…). Plain news comments about violent
 * events carry no such backing, so the lower threshold never reaches them. The
 * reason names the words, so the moderator sees why at a glance.
 */
export const toxicity: Phase = async (ctx) => {
  // Its words were learned from French: another language is judged by the lexicon alone.
  const french = readsAsFrench(ctx.body);
  const model = shippedModel(french ? 'toxicity' : 'toxicity-lexicon');
  const reading = readToxicity(ctx.body);
  // The lexicon model's features come on top, so the site's lessons (kept on the toxicity features) still count.
  const x = french ? reading.features : new Map([...reading.features, ...reading.lexicon]);
  const base = sigmoid(logit(model, x));
  const learned = sigmoid(logit(model, x, await ctx.lookups.learnedWeights('toxicity')));
  const scores = { toxicity: Number(learned.toFixed(4)), toxicityBase: Number(base.toFixed(4)), ...(model.name === 'toxicity-lexicon' ? { toxicityLexiconOnly: 1 } : {}) };
  const backed = french ? reading.backed.toxicity : reading.backed.lexicon;
  const holds = (p: number) => p >= model.hold || (backed && p >= (model.holdBacked ?? model.hold));
  if (!holds(learned)) return { scores };
  const words = reading.words.slice(0, 5);
  const detail = [learned.toFixed(2), ...(words.length ? [words.join(', ')] : [])].join(' · ');
  return { status: 'pending', reasons: [{ code: holds(base) ? 'toxic' : 'learned_toxic', detail }], scores };
};

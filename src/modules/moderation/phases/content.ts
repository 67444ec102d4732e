import { logits, sigmoid } from '../classifier/logistic';
import { budgetOf, REVIEW_SHARE, riskOf, thresholdsFromTable, type Thresholds } from '../classifier/calibration';
import { readToxicity, sharedCommentFeatures, shippedModel, type ShippedModel } from '../classifier/models';
import type { ModerationContext, Phase, PhaseResult } from '../pipeline';
import { findProfanity } from '../profanity';
import { languageOfText, measureReadability, unreadableCall } from '../readability';

/** Share of unknown letters (with at least two unknown words) above which a text is unreadable. */
export const UNREADABLE_SHARE = 0.25;

/**
 * Where a comment listed only as unreadable ranks in the review list: at its
 * bottom (the statistical models' listed comments outscore 90 % of legitimate
 * ones and more): slang and names are listed, seldom abuse.
 */
export const UNREADABLE_REVIEW_RISK = 0.9;

/**
 * Strongly garbled or keyboard-mashed text is held; text with a few invented
 * words (slang, names, chat) is published and listed for review; informal
 * writing with a few typos passes (readability.ts `unreadableCall`).
 */
export const unreadable: Phase = (ctx) => {
  const r = measureReadability(ctx.body);
  const scores = { unknownWords: Number(r.unknownShare.toFixed(3)) };
  const c = unreadableCall(r, UNREADABLE_SHARE);
  const detail = r.unknownWords.slice(0, 5).join(', ');
  if (c === undefined) return { scores, metadata: { lang: r.lang } };
  if (c === 'review') return { reasons: [{ code: 'review', detail: `unreadable · ${detail}` }], scores: { ...scores, reviewRisk: UNREADABLE_REVIEW_RISK }, metadata: { lang: r.lang } };
  return { status: 'pending', reasons: [{ code: 'unreadable', detail }], scores, metadata: { lang: r.lang } };
};

/** Crude words are noted for the moderators (alone they do not hold: readers swear without insulting). */
export const profanity: Phase = (ctx) => {
  const found = findProfanity(ctx.body);
  return found.length ? { reasons: [{ code: 'profanity', detail: found.slice(0, 5).join(', ') }] } : undefined;
};

/** What a statistical phase says of a score: hold it, list it for review (published), or nothing. */
export type Call = 'hold' | 'review' | undefined;

/**
 * A model's thresholds for this site: its share of the false-hold budget
 * (`falseHoldBudget`, 3 % by default) turned into scores by the shipped
 * calibration (classifier/calibration.ts).
 */
export function modelThresholds(model: ShippedModel, settings: object): Thresholds {
  // A model that spends a part of the budget also lists that part of the review share.
  return thresholdsFromTable(model.tail, budgetOf(settings) * model.budgetShare, REVIEW_SHARE * model.budgetShare);
}

/** A model's thresholds, and whether they are the site's own (measured on its legitimate comments, lessons included). */
interface SiteThresholds extends Thresholds {
  own: boolean;
}

/**
 * The site's own calibration of the model when it has one, else the shipped one.
 * Called right after the weights were read, before any other await: the thresholds
 * are chosen by the version of the weights this process holds (site-calibration.service.ts).
 */
async function thresholdsFor(model: ShippedModel, ctx: Readonly<ModerationContext>): Promise<SiteThresholds> {
  const own = await ctx.lookups.siteThresholds(model.name, budgetOf(ctx.settings));
  return own ? { ...own, own: true } : { ...modelThresholds(model, ctx.settings), own: false };
}

/**
 * Hold, list or pass, from the shipped score and the score with the site's
 * lessons. For toxicity (`lessonsMayHold` false), the shipped calibration
 * measured the shipped model, not the model as a site taught it: until the
 * site's own calibration has measured the taught model on its legitimate
 * comments, a lesson may lower a score below `hold` but not raise one to it —
 * what only the lessons push past `hold` is published and listed for review.
 * (Held that way, one legitimate reader in four or five was held once a site
 * had decided 300 comments: issue 11.) Spam lessons hold: spam is well
 * separated, and on the simulated streams they held no more legitimate comments.
 */
export function call(base: number, learned: number, t: SiteThresholds, lessonsMayHold: boolean): Call {
  const holdScore = t.own || lessonsMayHold ? learned : Math.min(base, learned);
  return holdScore >= t.hold ? 'hold' : learned >= t.review ? 'review' : undefined;
}

/**
 * The annotation of a comment published but listed for review: reason `review`
 * (which model, its score, the words) and `reviewRisk`, the share of legitimate
 * comments it outscores, which ranks the list (riskiest first, comparable across models).
 */
function review(model: ShippedModel, p: number, words: string[] = []): PhaseResult {
  const detail = [`${model.name} ${p.toFixed(2)}`, ...(words.length ? [words.slice(0, 5).join(', ')] : [])].join(' · ');
  const risk = Number(riskOf(model.tail, p).toFixed(4));
  return { reasons: [{ code: 'review', detail }], scores: { reviewRisk: risk }, metadata: { review: { model: model.name, score: p, risk } } };
}

/**
 * The spam model, shipped and taught by this site's moderators: above its
 * filing threshold the comment goes to spam, above its holding threshold to the
 * queue, above its review threshold it is published and listed for review. The
 * reason says whether the site's lessons made the difference.
 */
export const spam: Phase = async (ctx) => {
  const model = shippedModel('spam');
  const x = sharedCommentFeatures(ctx.body);
  // The weights, then at once the thresholds that measured them (site-calibration.service.ts).
  const [baseZ, learnedZ] = logits(model, x, await ctx.lookups.learnedWeights('spam'));
  const t = await thresholdsFor(model, ctx);
  const base = sigmoid(baseZ);
  const learned = sigmoid(learnedZ);
  const scores = { spam: Number(learned.toFixed(4)), spamBase: Number(base.toFixed(4)) };
  const c = call(base, learned, t, true);
  if (c === undefined) return { scores };
  if (c === 'review') return merge({ scores }, review(model, learned));
  const code = base >= t.hold ? 'spam' : 'learned_spam';
  const status = model.file !== undefined && learned >= model.file ? 'spam' : 'pending';
  return { status, reasons: [{ code, detail: learned.toFixed(2) }], scores };
};

function merge(a: PhaseResult, b: PhaseResult): PhaseResult {
  return { ...a, ...b, reasons: [...(a.reasons ?? []), ...(b.reasons ?? [])], scores: { ...a.scores, ...b.scores } };
}

/** Languages the toxicity model learned words of; any other is judged by the harm lexicon alone. */
const LEARNED_LANGUAGES = new Set(['fra', 'eng', 'und']);

/**
 * The toxicity model (insults, hate, harassment, threats), shipped and taught by
 * this site's moderators (a rejection is a lesson): held at its `hold` threshold,
 * listed for review (published) from its `review` threshold. The reason names
 * the crude and harm-lexicon words found, so the moderator sees why at a glance.
 */
export const toxicity: Phase = async (ctx) => {
  const learnedLanguage = LEARNED_LANGUAGES.has(languageOfText(ctx.body));
  const model = shippedModel(learnedLanguage ? 'toxicity' : 'toxicity-lexicon');
  const reading = readToxicity(ctx.body);
  // Either model reads the toxicity features (the text's own, then the harm lexicon's, which
  // hold the lexicon model's): the site's lessons, kept on the toxicity features, still count.
  // Read in their two parts when there are two (no copy of the text's features).
  const lessons = await ctx.lookups.learnedWeights('toxicity');
  const [baseZ, learnedZ] = reading.parts ? logits(model, reading.parts.harm, lessons, logits(model, reading.parts.own, lessons)) : logits(model, reading.features, lessons);
  const t = await thresholdsFor(model, ctx);
  const base = sigmoid(baseZ);
  const learned = sigmoid(learnedZ);
  const scores = { toxicity: Number(learned.toFixed(4)), toxicityBase: Number(base.toFixed(4)), ...(model.name === 'toxicity-lexicon' ? { toxicityLexiconOnly: 1 } : {}) };
  const c = call(base, learned, t, false);
  if (c === undefined) return { scores };
  if (c === 'review') return merge({ scores }, review(model, learned, reading.words));
  const words = reading.words.slice(0, 5);
  const detail = [learned.toFixed(2), ...(words.length ? [words.join(', ')] : [])].join(' · ');
  return { status: 'pending', reasons: [{ code: base >= t.hold ? 'toxic' : 'learned_toxic', detail }], scores };
};

import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { effectiveModeration, effectiveSlowMode, type DiscussionRules } from '../articles/article';
import { getDiscussionRules } from '../articles/article.read-model';
import { shippedModel, type ModelName } from './classifier/models';
import { learnedWeights, learnedWeightsOf } from './learning.service';
import { siteCalibratedThresholds } from './site-calibration.service';
import { hasApprovedComment, isRepeatComment, lastCommentAt } from '../comments/comment.review';
import { findActiveBan, type CommenterKey } from './moderation.repository';
import { PHASES } from './phases';
import { runPipeline, type ModerationContext, type ModerationLookups, type Verdict } from './pipeline';
import { warmUpReadability } from './readability';
import { isListedForReview } from './review.service';
import { getDiscussionSettings } from './settings';

/** The slice of an article the moderation pipeline needs, as it is at `now` (rules' protections end by themselves). */
export function articleContext(a: DiscussionRules, now: Date): ModerationContext['article'] {
  return {
    id: a.id,
    commentsOpen: a.commentsOpen,
    publishAt: a.publishAt,
    moderation: effectiveModeration(a, now),
    lang: a.lang,
    slowModeMinutes: effectiveSlowMode(a, now),
  };
}

/** What the pipeline decides for a new comment: status, reasons, scores, the (possibly transformed) body. */
export function evaluate(ctx: ModerationContext): Promise<Verdict> {
  return runPipeline(PHASES, ctx);
}

/** The database answers to the pipeline's questions about a commenter. */
export function commenterLookups(deps: Deps, articleId: number, who: CommenterKey): ModerationLookups {
  return {
    lastCommentAt: () => lastCommentAt(deps, who),
    isRepeat: (hash) => isRepeatComment(deps, hash, articleId, who),
    hasApprovedComment: () => hasApprovedComment(deps, who),
    activeBan: () => findActiveBan(deps.db, who, deps.clock.now().toISOString()),
    claimSlowSlot: (minutes) => deps.slowMode.claim(slowKey(articleId, who), minutes),
    learnedWeights: (model) => learnedWeights(deps, model),
    siteThresholds: (model, budget) => siteCalibratedThresholds(deps, model, budget),
  };
}

/** The models whose learned weights the pipeline reads (phases/content.ts). */
const PIPELINE_MODELS: readonly ModelName[] = ['spam', 'toxicity'];

/**
 * The learned weights of every model the pipeline reads, their versions read in one statement:
 * a group of new comments shares one read (comments/comment.lookups.ts), not one per model.
 */
export function pipelineLearnedWeights(deps: Deps): Promise<Map<ModelName, ReadonlyMap<string, number>>> {
  return learnedWeightsOf(deps, PIPELINE_MODELS);
}

/** One reader on one article: the account, else the (hashed) address, else the email. */
function slowKey(articleId: number, who: CommenterKey): string {
  const reader = who.userId !== null ? `u${who.userId}` : who.ipHash !== null ? `a${who.ipHash}` : `e${who.email ?? ''}`;
  return `${articleId}:${reader}`;
}

/** The answers for a new guest nobody knows: no past, no ban; the site's lessons still apply. */
function newGuestLookups(deps: Deps): ModerationLookups {
  return {
    lastCommentAt: async () => undefined,
    isRepeat: async () => false,
    hasApprovedComment: async () => false,
    activeBan: async () => undefined,
    claimSlowSlot: async () => undefined,
    learnedWeights: (model) => learnedWeights(deps, model),
    siteThresholds: (model, budget) => siteCalibratedThresholds(deps, model, budget),
  };
}

export interface EvaluateInput {
  body: string;
  name?: string | undefined;
  email?: string | undefined;
  articleId?: number | undefined;
}

/**
 * What the pipeline would decide for this text from a new guest commenter under
 * the current settings (POST /api/v1/moderation/evaluate). Saves nothing, learns nothing.
 */
export async function evaluateText(deps: Deps, input: EvaluateInput): Promise<{ status: Verdict['status']; reasons: Verdict['reasons']; scores: Verdict['scores']; review: boolean }> {
  const settings = await getDiscussionSettings(deps);
  let article: ModerationContext['article'] = { id: 0, commentsOpen: true, publishAt: null, moderation: null, lang: deps.config.locale, slowModeMinutes: 0 };
  if (input.articleId !== undefined) {
    const a = await getDiscussionRules(deps, input.articleId);
    if (!a) throw new NotFoundError('article');
    article = articleContext(a, deps.clock.now());
  }
  const v = await evaluate({
    body: input.body,
    name: input.name ?? '',
    email: input.email ?? null,
    ip: null,
    ipHash: null,
    user: null as AuthUser | null,
    article,
    parentId: null,
    settings,
    now: deps.clock.now(),
    secret: deps.secret,
    lookups: newGuestLookups(deps),
    dryRun: true,
  });
  return { status: v.status, reasons: v.reasons, scores: v.scores, review: isListedForReview(v) };
}

/**
 * Loads the word lists and models in the background (they take a moment), so the first
 * reader's comment does not wait for them. Returns what cancels it if not yet started.
 */
export function warmUpModeration(): () => void {
  const timer = setTimeout(() => {
    warmUpReadability();
    shippedModel('spam');
    shippedModel('toxicity');
  }, 0);
  timer.unref();
  return () => clearTimeout(timer);
}

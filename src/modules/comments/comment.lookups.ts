import type { Deps } from '../../deps';
import { inChunks } from '../../db/in-chunks';
import { activeBansOf } from '../moderation/ban.service';
import { commenterLookups, pipelineLearnedWeights } from '../moderation/moderation.service';
import type { ModerationLookups } from '../moderation/pipeline';
import type { CommenterKey } from './comment';
import { findApprovedCommenters, findLastCommentTimes, findRepeats } from './commenter.repository';

/** Most questions in one query (bound parameters stay far below either engine's limit). */
const CHUNK = 200;

/**
 * The pipeline's questions about a new comment's author (moderation/pipeline.ts
 * ModerationLookups), gathered with those of the comments arriving in the same turn of the
 * event loop (CommentWriter.gather): under load a group of N comments costs one query per
 * question (ban, flood, repeat, first-time), not N, and the learned weights' versions (both
 * models in one statement) are read once per turn, and once per comment (its toxicity reading
 * takes the lessons this process holds by then, those its spam reading read at least). Same answers as commenterLookups, which answers the rest (slow mode, the
 * site's thresholds).
 */
export function groupLookups(deps: Deps, articleId: number, who: CommenterKey): ModerationLookups {
  const one = commenterLookups(deps, articleId, who);
  const group = deps.comments;
  // Both models' weights for this comment, from one read shared by the comments of the turn.
  let learned: ReturnType<typeof pipelineLearnedWeights> | undefined;
  return {
    ...one,
    activeBan: () => group.gather('ban', who, inChunks(CHUNK, (whos: CommenterKey[]) => activeBansOf(deps, whos))),
    lastCommentAt: () => group.gather('last-comment', who, inChunks(CHUNK, (whos: CommenterKey[]) => findLastCommentTimes(deps.db, whos))),
    isRepeat: (bodyHash) => group.gather('repeat', { bodyHash, articleId, who }, inChunks(CHUNK, (qs: Parameters<typeof findRepeats>[1][number][]) => findRepeats(deps.db, qs))),
    hasApprovedComment: () => group.gather('approved', who, inChunks(CHUNK, (whos: CommenterKey[]) => findApprovedCommenters(deps.db, whos))),
    learnedWeights: async (model) => (await (learned ??= group.shared('learned', () => pipelineLearnedWeights(deps)))).get(model) ?? one.learnedWeights(model),
  };
}

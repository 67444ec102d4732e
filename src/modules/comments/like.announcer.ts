import type { Deps } from '../../deps';
import { listLikeCounts } from './reaction.repository';

/** At most one "likes" message per article per this many ms, per instance. */
export const LIKES_ANNOUNCE_MS = 1000;

interface Batch {
  ids: Set<number>;
  timer: NodeJS.Timeout;
}

const batches = new WeakMap<Deps, Map<number, Batch>>();

/**
 * Announces like counts on the article's live stream, coalesced: during a spike of
 * likes each open page gets at most one `likes` event per second (per instance) with
 * the current counts of the comments liked meanwhile, instead of one per like.
 */
export function announceLikes(deps: Deps, articleId: number, commentId: number): void {
  let perArticle = batches.get(deps);
  if (!perArticle) batches.set(deps, (perArticle = new Map()));
  const pending = perArticle.get(articleId);
  if (pending) {
    pending.ids.add(commentId);
    return;
  }
  const map = perArticle;
  const timer = setTimeout(() => {
    const batch = map.get(articleId);
    map.delete(articleId);
    if (batch) void flush(deps, articleId, [...batch.ids]);
  }, LIKES_ANNOUNCE_MS);
  timer.unref();
  perArticle.set(articleId, { ids: new Set([commentId]), timer });
}

async function flush(deps: Deps, articleId: number, ids: number[]): Promise<void> {
  try {
    const counts = await listLikeCounts(deps.db, articleId, ids);
    // A comment whose last like was taken back is absent from the counts: it is at 0.
    const likes = Object.fromEntries(ids.map((id) => [String(id), counts[String(id)] ?? 0]));
    await deps.pubsub.publish(`article:${articleId}`, JSON.stringify({ event: 'likes', likes }));
  } catch (err) {
    deps.log.warn({ err, articleId }, 'like counts not announced');
  }
}

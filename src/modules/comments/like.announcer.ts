import type { Deps } from '../../deps';
import { listLikeCounts } from './reaction.repository';

/** At most one "likes" message per article per this many ms, per instance. */
export const LIKES_ANNOUNCE_MS = 1000;

interface Batch {
  ids: Set<number>;
  timer: NodeJS.Timeout;
}

/**
 * Like counts waiting to be announced on the articles' live streams, one per process
 * (held in Deps, made by createDeps). During a spike of likes each open page gets at
 * most one `likes` event per second (per instance) with the current counts of the
 * comments liked meanwhile, instead of one per like. close() drops what is waiting.
 */
export class LikeAnnouncer {
  private readonly batches = new Map<number, Batch>();

  announce(deps: Deps, articleId: number, commentId: number): void {
    const pending = this.batches.get(articleId);
    if (pending) {
      pending.ids.add(commentId);
      return;
    }
    const timer = setTimeout(() => {
      const batch = this.batches.get(articleId);
      this.batches.delete(articleId);
      if (batch) void flush(deps, articleId, [...batch.ids]);
    }, LIKES_ANNOUNCE_MS);
    timer.unref();
    this.batches.set(articleId, { ids: new Set([commentId]), timer });
  }

  close(): void {
    for (const b of this.batches.values()) clearTimeout(b.timer);
    this.batches.clear();
  }
}

/** Announces like counts on the article's live stream, coalesced per article (deps.likes). */
export function announceLikes(deps: Deps, articleId: number, commentId: number): void {
  deps.likes.announce(deps, articleId, commentId);
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

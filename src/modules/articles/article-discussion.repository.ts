import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';
import type { DiscussionRules } from './article';
import { protectionOf } from './article.repository';

/**
 * What a new comment needs of its article, in one read of the article's row (no section, tags,
 * authors or text): asked once per group of new comments (comments/comment.service.ts).
 */
export async function findDiscussionRules(db: Kysely<Database>, id: number): Promise<DiscussionRules | undefined> {
  const [r] = await runShaped(db, 'articles.discussion-rules', [id], () =>
    db
      .selectFrom('articles')
      .select(['id', 'status', 'publish_at', 'comments_open', 'lang', 'moderation', 'slow_mode_minutes', 'protect_mode', 'protect_slow_minutes', 'protect_until'])
      .where('id', '=', id),
  );
  if (!r) return undefined;
  return {
    id: r.id,
    storedStatus: r.status,
    publishAt: r.publish_at,
    commentsOpen: r.comments_open === 1,
    lang: r.lang,
    moderation: r.moderation,
    slowModeMinutes: r.slow_mode_minutes,
    protection: protectionOf(r),
  };
}

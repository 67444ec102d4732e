import type { Deps } from '../../deps';
import { renderCommentMarkdown } from '../../web/markdown';
import { insertComment } from './comment.repository';

/**
 * A published guest comment written as given, past moderation, for content the site ships
 * with (the demo newsroom). Nothing is announced: it runs before anyone reads, and the
 * caller drops the cached pages once it has written everything.
 */
export function addSeedComment(
  deps: Pick<Deps, 'db'>,
  c: { articleId: number; parentId: number | null; name: string; body: string; createdAt: string },
): Promise<number> {
  return insertComment(deps.db, {
    article_id: c.articleId,
    parent_id: c.parentId,
    user_id: null,
    author_name: c.name,
    author_email: null,
    ip_hash: null,
    body: c.body,
    html: renderCommentMarkdown(c.body),
    status: 'published',
    reasons: [{ code: 'demo' }],
    scores: {},
    created_at: c.createdAt,
  });
}

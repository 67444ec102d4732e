import type { Deps } from '../deps';
import { addUser, countAccounts } from '../modules/accounts/user.service';
import { createArticle } from '../modules/articles/article.service';
import { createSection } from '../modules/articles/section.service';
import { insertComment } from '../modules/comments/comment.repository';
import { renderCommentMarkdown } from '../web/markdown';
import { DEMO_ARTICLES, DEMO_SECTIONS } from './demo.content';

/**
 * Loads the demo newsroom (original content written for the project) into an
 * empty database. Returns false, changing nothing, when the database has accounts.
 */
export async function loadDemo(deps: Deps): Promise<boolean> {
  if ((await countAccounts(deps)) > 0) return false;
  const now = deps.clock.now();
  const editor = await addUser(deps, { email: 'redaction@palabre.example', name: 'Aminata Traoré', role: 'editor' });
  const { id: authorId } = await addUser(deps, { email: 'moussa@palabre.example', name: 'Moussa Keïta', role: 'author' });
  const editorId = editor.id;
  for (const s of DEMO_SECTIONS) await createSection(deps, editor, s);
  for (const [i, a] of DEMO_ARTICLES.entries()) {
    const publishAt = new Date(now.getTime() - (a.hoursAgo ?? i * 5 + 1) * 3_600_000).toISOString();
    const article = await createArticle(deps, editor, {
      title: a.title,
      summary: a.summary,
      body: a.body,
      section: a.section,
      tags: a.tags,
      dateline: a.dateline,
      authors: a.byBoth ? [editorId, authorId] : [editorId],
      status: 'published',
      publishAt,
      commentsOpen: true,
    });
    const ids: number[] = [];
    for (const [j, c] of a.comments.entries()) {
      const created = new Date(new Date(publishAt).getTime() + (j + 1) * 17 * 60_000).toISOString();
      const parentId = c.replyTo !== undefined ? (ids[c.replyTo] ?? null) : null;
      ids.push(
        await insertComment(deps.db, {
          article_id: article.id,
          parent_id: parentId,
          user_id: null,
          author_name: c.name,
          author_email: null,
          ip_hash: null,
          body: c.body,
          html: renderCommentMarkdown(c.body),
          status: 'published',
          reasons: [{ code: 'demo' }],
          scores: {},
          created_at: created,
        }),
      );
    }
  }
  await deps.cache.invalidate(['*']);
  return true;
}

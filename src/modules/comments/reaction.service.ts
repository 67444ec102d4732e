import type { Deps } from '../../deps';
import { AppError, NotFoundError } from '../../web/errors';
import { renderCommentMarkdown } from '../../web/markdown';
import { hashIp } from '../../web/security';
import type { AuthUser } from '../accounts/account';
import { isVisible } from '../articles/article';
import { bumpArticleVersion, getArticleById } from '../articles/article.read-model';
import { articleContext, commenterLookups, evaluate } from '../moderation/moderation.service';
import { getDiscussionSettings } from '../moderation/settings';
import { bodyHash } from '../moderation/text';
import type { CommentStatus, Reason } from './comment';
import { presentWithPicks } from './comment.picks';
import { assertComment } from './comment.policy';
import { findCommentById } from './comment.repository';
import { announceLikes } from './like.announcer';
import { applyEdit, deleteLike, findEditableComment, insertLike, listLikeCounts, listLikedIds, listRecentOwnComments } from './reaction.repository';

/** 403 once the edit window of a comment has passed (or when the site allows no edits). */
export class EditWindowClosedError extends AppError {
  constructor() {
    super('edit_window_closed', 403, 'the time to edit this comment has passed');
  }
}

/** A published comment of a visible article, or 404 (unknown, held, removed). */
async function publicComment(deps: Deps, id: number) {
  const c = await findCommentById(deps.db, id);
  if (!c || c.status !== 'published') throw new NotFoundError('comment');
  const article = await getArticleById(deps, c.article_id);
  if (!article || !isVisible(article, deps.clock.now())) throw new NotFoundError('comment');
  return c;
}

/**
 * A reader likes (or stops liking) a published comment: one like per reader
 * (`user:ID` or `address:HMAC`), the count on the comment kept in step in the
 * same write transaction. The cached page is left alone (see docs/architecture.md,
 * "Likes and the page cache"); open pages get the count from the live stream.
 */
export async function setLike(deps: Deps, commentId: number, liker: string, like: boolean): Promise<{ likes: number; liked: boolean }> {
  const c = await publicComment(deps, commentId);
  const now = deps.clock.now().toISOString();
  const likes = await deps.dialect.writeTransaction(deps.db, (db) => (like ? insertLike(db, c.id, liker, now) : deleteLike(db, c.id, liker)));
  announceLikes(deps, c.article_id, c.id);
  return { likes, liked: like };
}

/** Who is asking, for the reader-state endpoint and edits. */
export interface Reader {
  user: AuthUser | null;
  /** Ids of the comments this browser posted as a guest (signed cookie). */
  ownIds: number[];
  liker: string;
}

function windowStart(deps: Deps, minutes: number): string {
  return new Date(deps.clock.now().getTime() - minutes * 60_000).toISOString();
}

/**
 * What the cached, shared article page cannot hold for one reader: which comments
 * they liked, the live counts, and which of their own comments they may still edit.
 */
export async function readerState(deps: Deps, articleId: number, reader: Reader) {
  const settings = await getDiscussionSettings(deps);
  const [liked, likes, own] = await Promise.all([
    listLikedIds(deps.db, articleId, reader.liker),
    listLikeCounts(deps.db, articleId),
    settings.editWindowMinutes === 0
      ? Promise.resolve([])
      : listRecentOwnComments(deps.db, articleId, { userId: reader.user?.id ?? null, ids: reader.ownIds }, windowStart(deps, settings.editWindowMinutes)),
  ]);
  const until = (createdAt: string) => new Date(new Date(createdAt).getTime() + settings.editWindowMinutes * 60_000).toISOString();
  const editable = own.map((c) => ({ id: c.id, until: until(c.created_at), body: c.body }));
  return { liked, likes, editable };
}

export interface EditResult {
  id: number;
  status: CommentStatus;
  reasons: Reason[];
  editedAt: string;
  /** The stored text (after the pipeline's trimming) and its HTML, for the author's page. */
  body: string;
  html: string;
}

/**
 * The author edits a published comment's body within `editWindowMinutes` of posting.
 * The new text goes through the same moderation pipeline as a new comment (an edit is
 * no way around moderation): held, it leaves the public thread with its reasons. The
 * former text is kept in comment_edits for moderators.
 */
export async function editComment(deps: Deps, commentId: number, body: string, reader: Reader, ip: string | null): Promise<EditResult> {
  const c = await findEditableComment(deps.db, commentId);
  const article = c ? await getArticleById(deps, c.article_id) : undefined;
  const now = deps.clock.now();
  if (!c || c.status !== 'published' || !article || !isVisible(article, now)) throw new NotFoundError('comment');
  assertComment(reader.user, 'comment:edit', { commentId: c.id, authorUserId: c.user_id, ownIds: reader.ownIds });
  const settings = await getDiscussionSettings(deps);
  const closesAt = new Date(c.created_at).getTime() + settings.editWindowMinutes * 60_000;
  if (settings.editWindowMinutes === 0 || now.getTime() > closesAt) throw new EditWindowClosedError();
  const ipHash = ip ? hashIp(deps.secret, ip) : null;
  const key = { userId: c.user_id, email: c.author_email ?? reader.user?.email ?? null, ipHash };
  const lookups = commenterLookups(deps, article.id, key);
  const verdict = await evaluate({
    body,
    name: c.author_name,
    email: key.email,
    ip,
    ipHash,
    user: reader.user,
    // An edit takes no slow-mode slot: it is not a new post.
    article: { ...articleContext(article, now), slowModeMinutes: 0 },
    parentId: null,
    settings,
    now,
    secret: deps.secret,
    // An edit is not a new post (the route's rate limit bounds edits); its own text is no repeat.
    lookups: { ...lookups, lastCommentAt: async () => undefined, isRepeat: async (hash) => hash !== c.body_hash && (await lookups.isRepeat(hash)) },
  });
  const editedAt = now.toISOString();
  const html = renderCommentMarkdown(verdict.body);
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    await applyEdit(db, c, {
      body: verdict.body,
      html,
      body_hash: bodyHash(verdict.body),
      status: verdict.status,
      reasons: JSON.stringify([...verdict.reasons, { code: 'edited' }]),
      scores: JSON.stringify(verdict.scores),
      edited_at: editedAt,
    });
    await bumpArticleVersion({ db }, article.id);
  });
  await deps.cache.invalidate([`article:${article.id}`]);
  await deps.hooks.emit('comment.changed', { kind: 'edited', commentId: c.id, articleId: article.id, status: verdict.status, previousStatus: c.status });
  if (verdict.status === 'published') await announceEdit(deps, c.id);
  return { id: c.id, status: verdict.status, reasons: verdict.reasons, editedAt, body: verdict.body, html };
}

/** Tells open pages of the article the new text of a comment that stays public. */
async function announceEdit(deps: Deps, commentId: number): Promise<void> {
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== 'published') return;
  await deps.pubsub.publish(`article:${c.article_id}`, JSON.stringify({ ...(await presentWithPicks(deps, [c]))[0], event: 'comment-edited' }));
}


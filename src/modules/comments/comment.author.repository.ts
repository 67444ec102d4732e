import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { parseReasons, type CommentAuthor, type CommentStatus } from './comment';

type Db = Kysely<Database>;

/** The ids of an author's comments (a subquery). */
function authorCommentIds(db: Db, author: CommentAuthor) {
  const q = db.selectFrom('comments').select('id');
  return 'userId' in author ? q.where('user_id', '=', author.userId) : q.where('user_id', 'is', null).where('author_email', '=', author.email);
}

/** Every comment the author wrote, any status, oldest first, with its article's title and path; reasons parsed. */
export async function listAuthorComments(db: Db, author: CommentAuthor) {
  const rows = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'comments.id',
      'comments.article_id',
      'comments.parent_id',
      'comments.author_name',
      'comments.author_email',
      'comments.body',
      'comments.status',
      'comments.reasons',
      'comments.likes',
      'comments.created_at',
      'comments.updated_at',
      'comments.edited_at',
      'articles.title as article_title',
      'articles.slug as article_slug',
      'sections.slug as section_slug',
    ])
    .where('comments.id', 'in', authorCommentIds(db, author))
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  return rows.map((r) => ({ ...r, reasons: parseReasons(r.reasons) }));
}

/** The former texts of the author's edited comments (kept for moderators), oldest first; reasons parsed. */
export async function listAuthorCommentEdits(db: Db, author: CommentAuthor) {
  const rows = await db
    .selectFrom('comment_edits')
    .select(['comment_id', 'body', 'status', 'reasons', 'edited_at'])
    .where('comment_id', 'in', authorCommentIds(db, author))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, reasons: parseReasons(r.reasons) }));
}

/** The comments one reader (`user:ID`) liked, oldest like first, with each comment's article. */
export async function listLikesBy(db: Db, liker: string) {
  return db
    .selectFrom('comment_likes')
    .innerJoin('comments', 'comments.id', 'comment_likes.comment_id')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(['comment_likes.comment_id', 'comment_likes.created_at', 'comments.article_id', 'articles.title as article_title', 'articles.slug as article_slug', 'sections.slug as section_slug'])
    .where('comment_likes.liker', '=', liker)
    .orderBy('comment_likes.created_at')
    .orderBy('comment_likes.comment_id')
    .execute();
}

/** Distinct articles the author commented on (their versions move and cached pages go on erasure). */
export async function authorArticleIds(db: Db, author: CommentAuthor): Promise<number[]> {
  const rows = await db.selectFrom('comments').select('article_id').distinct().where('id', 'in', authorCommentIds(db, author)).execute();
  return rows.map((r) => r.article_id);
}

/** An update of the author's comments (one statement, whatever their number). */
function updateAuthorComments(db: Db, author: CommentAuthor) {
  const q = db.updateTable('comments');
  return 'userId' in author ? q.where('user_id', '=', author.userId) : q.where('user_id', 'is', null).where('author_email', '=', author.email);
}

/** Keeps the comments but nothing that names their author. */
export async function anonymizeAuthorComments(db: Db, author: CommentAuthor, name: string, now: string): Promise<number> {
  const r = await updateAuthorComments(db, author).set({ author_name: name, author_email: null, ip_hash: null, user_id: null, updated_at: now }).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

const ERASED_STATUS: CommentStatus = 'deleted';

/** Removes the comments' text and author; the row stays as `deleted` so replies keep their place. */
export async function removeAuthorComments(db: Db, author: CommentAuthor, now: string): Promise<number> {
  // Former texts of edited comments (kept for moderators) go with the text.
  await db.deleteFrom('comment_edits').where('comment_id', 'in', authorCommentIds(db, author)).execute();
  const r = await updateAuthorComments(db, author)
    .set({ status: ERASED_STATUS, body: '', html: '', author_name: '', author_email: null, ip_hash: null, user_id: null, reasons: '[{"code":"erased_by_author"}]', scores: '{}', updated_at: now })
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Whether a guest wrote anything with this email. */
export async function guestHasComments(db: Db, email: string): Promise<boolean> {
  return (await db.selectFrom('comments').select('id').where('user_id', 'is', null).where('author_email', '=', email).limit(1).executeTakeFirst()) !== undefined;
}

/** Drops client-address HMACs older than the cutoff; returns how many. */
export async function purgeIpHashes(db: Db, cutoff: string): Promise<number> {
  const r = await db.updateTable('comments').set({ ip_hash: null }).where('ip_hash', 'is not', null).where('created_at', '<', cutoff).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

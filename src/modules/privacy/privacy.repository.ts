import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Whose comments: an account's, or a guest's by the email they gave. */
export type Owner = { userId: number } | { email: string };

function owned(db: Kysely<Database>, owner: Owner) {
  const q = db.updateTable('comments');
  return 'userId' in owner ? q.where('user_id', '=', owner.userId) : q.where('user_id', 'is', null).where('author_email', '=', owner.email);
}

/** Every comment the owner wrote, any status, oldest first, with its article's title and path. */
export async function listOwnedComments(db: Kysely<Database>, owner: Owner) {
  let q = db
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
    ]);
  q = 'userId' in owner ? q.where('comments.user_id', '=', owner.userId) : q.where('comments.user_id', 'is', null).where('comments.author_email', '=', owner.email);
  return q.orderBy('comments.created_at').orderBy('comments.id').execute();
}

/** The former texts of the owner's edited comments (kept for moderators), oldest first. */
export async function listOwnedCommentEdits(db: Kysely<Database>, owner: Owner) {
  let q = db
    .selectFrom('comment_edits')
    .innerJoin('comments', 'comments.id', 'comment_edits.comment_id')
    .select(['comment_edits.comment_id', 'comment_edits.body', 'comment_edits.status', 'comment_edits.reasons', 'comment_edits.edited_at']);
  q = 'userId' in owner ? q.where('comments.user_id', '=', owner.userId) : q.where('comments.user_id', 'is', null).where('comments.author_email', '=', owner.email);
  return q.orderBy('comment_edits.id').execute();
}

/** The comments one reader (`user:ID`) liked, oldest like first, with each comment's article. */
export async function listLikesBy(db: Kysely<Database>, liker: string) {
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

/** The account row a reader may download (no password hash). */
export async function findAccount(db: Kysely<Database>, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at']).where('id', '=', userId).executeTakeFirst();
}

/** Distinct articles the owner commented on (their cached pages must go). */
export async function ownedArticleIds(db: Kysely<Database>, owner: Owner): Promise<number[]> {
  let q = db.selectFrom('comments').select('article_id').distinct();
  q = 'userId' in owner ? q.where('user_id', '=', owner.userId) : q.where('user_id', 'is', null).where('author_email', '=', owner.email);
  return (await q.execute()).map((r) => r.article_id);
}

/** Keeps the comments but nothing that names their author. */
export async function anonymizeComments(db: Kysely<Database>, owner: Owner, name: string, now: string): Promise<number> {
  const r = await owned(db, owner).set({ author_name: name, author_email: null, ip_hash: null, user_id: null, updated_at: now }).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes the comments' text and author; the row stays as `deleted` so replies keep their place. */
export async function removeComments(db: Kysely<Database>, owner: Owner, now: string): Promise<number> {
  // Former texts of edited comments (kept for moderators) go with the text.
  let ids = db.selectFrom('comments').select('id');
  ids = 'userId' in owner ? ids.where('user_id', '=', owner.userId) : ids.where('user_id', 'is', null).where('author_email', '=', owner.email);
  await db.deleteFrom('comment_edits').where('comment_id', 'in', ids).execute();
  const r = await owned(db, owner)
    .set({ status: 'deleted', body: '', html: '', author_name: '', author_email: null, ip_hash: null, user_id: null, reasons: '[{"code":"erased_by_author"}]', scores: '{}', updated_at: now })
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteUserRow(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute();
}

/** Whether a guest wrote anything with this email. */
export async function guestHasComments(db: Kysely<Database>, email: string): Promise<boolean> {
  return (await db.selectFrom('comments').select('id').where('user_id', 'is', null).where('author_email', '=', email).limit(1).executeTakeFirst()) !== undefined;
}

/** Drops client-address HMACs older than the cutoff; returns how many. */
export async function purgeIpHashes(db: Kysely<Database>, cutoff: string): Promise<number> {
  const r = await db.updateTable('comments').set({ ip_hash: null }).where('ip_hash', 'is not', null).where('created_at', '<', cutoff).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

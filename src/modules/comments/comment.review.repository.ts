import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { parseReasons, parseScores, type CommenterKey, type CommentStatus, type Reason } from './comment';

type Db = Kysely<Database>;

/** When this client last commented: the account's comments, else the address's. */
export async function findLastCommentAt(db: Db, who: CommenterKey): Promise<string | undefined> {
  let q = db.selectFrom('comments').select('created_at').orderBy('created_at', 'desc').limit(1);
  if (who.userId !== null) q = q.where('user_id', '=', who.userId);
  else if (who.ipHash !== null) q = q.where('ip_hash', '=', who.ipHash);
  else return undefined;
  return (await q.executeTakeFirst())?.created_at;
}

/** Whether a comment with this text hash exists by this commenter or under this article. */
export async function existsRepeat(db: Db, bodyHash: string, articleId: number, who: CommenterKey): Promise<boolean> {
  const r = await db
    .selectFrom('comments')
    .select('id')
    .where('body_hash', '=', bodyHash)
    .where((eb) => {
      const ors = [eb('article_id', '=', articleId)];
      if (who.userId !== null) ors.push(eb('user_id', '=', who.userId));
      if (who.email !== null) ors.push(eb('author_email', '=', who.email));
      if (who.ipHash !== null) ors.push(eb('ip_hash', '=', who.ipHash));
      return eb.or(ors);
    })
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether the account or the email has a published comment (approved by the pipeline or a human). */
export async function existsApprovedComment(db: Db, who: CommenterKey): Promise<boolean> {
  if (who.userId === null && who.email === null) return false;
  let q = db.selectFrom('comments').select('id').where('status', '=', 'published').limit(1);
  q = who.userId !== null ? q.where('user_id', '=', who.userId) : q.where('author_email', '=', who.email as string);
  return (await q.executeTakeFirst()) !== undefined;
}

/** A comment with everything a moderator may see; reasons and scores parsed. */
export interface ReviewRow {
  id: number;
  article_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  author_email: string | null;
  ip_hash: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  created_at: string;
  reasons: Reason[];
  scores: Record<string, number>;
  article_title: string;
}

function reviewQuery(db: Db) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select([
      'comments.id',
      'comments.article_id',
      'comments.parent_id',
      'comments.user_id',
      'comments.author_name',
      'comments.author_email',
      'comments.ip_hash',
      'comments.body',
      'comments.html',
      'comments.status',
      'comments.created_at',
      'comments.reasons',
      'comments.scores',
      'articles.title as article_title',
    ]);
}

function parsed(r: Omit<ReviewRow, 'reasons' | 'scores'> & { reasons: string; scores: string }): ReviewRow {
  return { ...r, reasons: parseReasons(r.reasons), scores: parseScores(r.scores) };
}

/** The comments of one status, oldest first. */
export async function listByStatus(db: Db, status: CommentStatus, limit: number): Promise<ReviewRow[]> {
  const rows = await reviewQuery(db).where('comments.status', '=', status).orderBy('comments.created_at', 'asc').orderBy('comments.id').limit(limit).execute();
  return rows.map(parsed);
}

// Reasons are stored as JSON.stringify([{code, detail}]): `code` comes first in each object.
const REVIEW_LIKE = '%"code":"review"%';
const DECIDED_LIKE = '%"code":"moderator"%';

/**
 * Published comments the pipeline listed for review (a `review` reason) that no
 * moderator has decided yet (no `moderator` reason), riskiest first (`scores.reviewRisk`). The reason is matched in SQL, the risk ordered here:
 * the list is short, and JSON operators differ between SQLite and PostgreSQL.
 */
export async function listPublishedForReview(db: Db, limit: number): Promise<ReviewRow[]> {
  const rows = await reviewQuery(db)
    .where('comments.status', '=', 'published')
    .where('comments.reasons', 'like', REVIEW_LIKE)
    .where('comments.reasons', 'not like', DECIDED_LIKE)
    .orderBy('comments.id', 'desc')
    .limit(5000)
    .execute();
  const risk = (r: ReviewRow) => r.scores.reviewRisk ?? 0;
  return rows.map(parsed).filter((r) => r.reasons.some((x) => x.code === 'review') && !r.reasons.some((x) => x.code === 'moderator')).sort((a, b) => risk(b) - risk(a) || b.id - a.id).slice(0, limit);
}

/**
 * Published comments a moderator approved, and published ones posted before
 * `settledBefore` (the caller leaves out the reported ones), newest first.
 */
export async function listLegitimate(db: Db, settledBefore: string, limit: number): Promise<{ id: number; body: string; approved: boolean }[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'body', 'reasons', 'created_at'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('created_at', '<=', settledBefore), eb('reasons', 'like', DECIDED_LIKE)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, approved: parseReasons(r.reasons).some((x) => x.code === 'moderator') }));
}

/** How many published comments are listed for review. */
export async function countPublishedForReview(db: Db): Promise<number> {
  const r = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').where('reasons', 'like', REVIEW_LIKE).where('reasons', 'not like', DECIDED_LIKE).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Among these comments, those in one of the statuses, newest first. */
export async function listAmong(db: Db, ids: number[], statuses: CommentStatus[], limit: number): Promise<ReviewRow[]> {
  if (ids.length === 0) return [];
  const rows = await reviewQuery(db)
    .where('comments.id', 'in', ids)
    .where('comments.status', 'in', statuses)
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id')
    .limit(limit)
    .execute();
  return rows.map(parsed);
}

/** How many comments have each of these statuses. */
export async function countStatuses(db: Db, statuses: CommentStatus[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', statuses)
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** How many of these comments are in one of the statuses. */
export async function countAmong(db: Db, ids: number[], statuses: CommentStatus[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** One comment as a moderator sees it. */
export async function findForReview(db: Db, id: number): Promise<ReviewRow | undefined> {
  const r = await reviewQuery(db).where('comments.id', '=', id).executeTakeFirst();
  return r ? parsed(r) : undefined;
}

/** The commenter's other comments (same account, email or address), newest first. */
export async function listCommenterHistory(db: Db, c: { id: number; user_id: number | null; author_email: string | null; ip_hash: string | null }, limit: number): Promise<ReviewRow[]> {
  // Nothing ties this comment to anyone (erased, forgotten, imported): no history. Never bind a
  // boolean instead (`eb.val(false)`): better-sqlite3 refuses to bind booleans, a 500 for every moderator.
  if (c.user_id === null && c.author_email === null && c.ip_hash === null) return [];
  const rows = await reviewQuery(db)
    .where('comments.id', '!=', c.id)
    .where((eb) => {
      const ors = [];
      if (c.user_id !== null) ors.push(eb('comments.user_id', '=', c.user_id));
      if (c.author_email !== null) ors.push(eb('comments.author_email', '=', c.author_email));
      if (c.ip_hash !== null) ors.push(eb('comments.ip_hash', '=', c.ip_hash));
      return eb.or(ors);
    })
    .orderBy('comments.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(parsed);
}

/** The last comments of an article (newest first, posted after `since` if given): id, status and reasons, for the automatic rules. */
export async function listLatestOfArticle(db: Db, articleId: number, limit: number, since: string | null): Promise<{ id: number; status: CommentStatus; reasons: Reason[] }[]> {
  let q = db.selectFrom('comments').select(['id', 'status', 'reasons']).where('article_id', '=', articleId);
  if (since !== null) q = q.where('created_at', '>', since);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, status: r.status, reasons: parseReasons(r.reasons) }));
}

/** How many comments an article received since a time. */
export async function countPostedSince(db: Db, articleId: number, since: string): Promise<number> {
  const r = await db.selectFrom('comments').select((eb) => eb.fn.countAll<string | number>().as('n')).where('article_id', '=', articleId).where('created_at', '>=', since).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** A comment as the moderation figures count it: when, where, its status, whether it was listed for review. */
export interface PostedRow {
  id: number;
  article_id: number;
  status: CommentStatus;
  created_at: string;
  listed: boolean;
}

/** Comments posted at or after `since` (any status), oldest first. */
export async function listPostedSince(db: Db, since: string): Promise<PostedRow[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'article_id', 'status', 'created_at', 'reasons'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({ id: r.id, article_id: r.article_id, status: r.status, created_at: r.created_at, listed: parseReasons(r.reasons).some((x) => x.code === 'review') }));
}

/** When these comments were posted, by id. */
export async function findPostedTimes(db: Db, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('comments').select(['id', 'created_at']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.created_at);
  }
  return out;
}

import { listPickedOfArticle } from './comment.picks.repository';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { renderCommentsMarkdown } from '../../web/markdown';
import { hashIp } from '../../web/security';
import type { CommentStatus, Reason } from './comment';
import {
  insertCommentRows,
  anyCommentRow,
  insertExportedCommentRows,
  listArticleCommentsForExport,
  updateCommentParents,
  updateCommentStatuses,
  type BulkCommentRow,
  type ExportedComment,
} from './comment-bulk.repository';

/**
 * Comments that arrive in bulk, already decided elsewhere (an import, a restore): no
 * moderation pipeline, no notification; the source's status is kept. Callers hold the
 * transaction and pass its handle as `db`.
 */

/** A comment from another system, its text already in Palabre's comment Markdown. */
export interface IncomingComment {
  articleId: number;
  parentId: number | null;
  userId: number | null;
  name: string;
  email: string;
  /** The commenter's website; kept only when it is an http(s) URL. */
  url: string;
  /** The client address as the source kept it: stored only as an HMAC. */
  ip: string;
  /** Comment Markdown (see importers/html-to-markdown.ts). */
  body: string;
  /**
   * `body` rendered already by renderCommentMarkdown or renderCommentsMarkdown (an import's
   * render worker, off the writing thread); rendered here when absent.
   */
  renderedHtml?: string | undefined;
  status: CommentStatus;
  reasons: Reason[];
  createdAt: string;
}

function websiteOf(url: string): string | null {
  const v = url.trim();
  if (!v) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.slice(0, 2000) : null;
  } catch {
    return null;
  }
}

/** Writes the comments in a few statements; returns their ids in the same order. */
export async function insertIncomingComments(deps: { db: Kysely<Database>; secret: string }, comments: IncomingComment[]): Promise<number[]> {
  // Exports repeat addresses (regulars, proxies): each is hashed once a batch.
  const hashes = new Map<string, string>();
  const hashOf = (ip: string) => hashes.get(ip) ?? hashes.set(ip, hashIp(deps.secret, ip)).get(ip) ?? null;
  // Rendered and sanitized together: a few calls a batch, not a few per comment.
  const unrendered = comments.filter((c) => c.renderedHtml === undefined);
  const html = unrendered.length > 0 ? renderCommentsMarkdown(unrendered.map((c) => c.body)) : [];
  let next = 0;
  const rows: BulkCommentRow[] = comments.map((c) => {
    const email = c.email.includes('@') ? c.email : null;
    return {
      article_id: c.articleId,
      parent_id: c.parentId,
      user_id: c.userId,
      author_name: (c.name || 'Anonyme').slice(0, 200),
      // An account's comment shows the account's address; a guest's keeps the one it gave.
      author_email: c.userId === null ? email : null,
      author_url: websiteOf(c.url),
      ip_hash: c.ip ? hashOf(c.ip) : null,
      body: c.body,
      html: c.renderedHtml ?? html[next++] ?? '',
      status: c.status,
      reasons: JSON.stringify(c.reasons),
      scores: '{}',
      created_at: c.createdAt,
    };
  });
  return insertCommentRows(deps.db, rows);
}

/** Links replies written before their parents. */
export async function linkCommentParents(db: Kysely<Database>, links: { id: number; parentId: number }[]): Promise<void> {
  if (links.length > 0) await updateCommentParents(db, links);
}

/** Gives comments a status decided at the source (a thread deleted after its comments were imported). */
export async function setIncomingStatuses(db: Kysely<Database>, ids: number[], status: CommentStatus, reasons: Reason[]): Promise<number> {
  return ids.length ? updateCommentStatuses(db, ids, status, JSON.stringify(reasons)) : 0;
}

/** Rows of a Palabre export (ids kept) written back as they were; parents ahead of their rows are linked later. */
export async function restoreCommentRows(db: Kysely<Database>, rows: Record<string, string | number | null>[]): Promise<void> {
  await insertExportedCommentRows(db, rows);
}

export type { ExportedComment };

/** Every comment of an article, any status, oldest first, for an export. */
export async function commentsForExport(db: Kysely<Database>, articleId: number): Promise<ExportedComment[]> {
  const [rows, picks] = await Promise.all([listArticleCommentsForExport(db, articleId), listPickedOfArticle(db, articleId)]);
  const picked = new Map(picks.map((p) => [p.comment_id, p.picked_at]));
  return rows.map((r) => ({ ...r, picked: picked.has(r.id), picked_at: picked.get(r.id) ?? null }));
}

/** Whether any comment exists (a restore writes into an empty instance only). */
export function hasAnyComment(db: Kysely<Database>): Promise<boolean> {
  return anyCommentRow(db);
}

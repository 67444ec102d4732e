import type { ColumnType, Generated } from 'kysely';
import type { CommentStatus } from './comment';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  /** Guests' email: never shown publicly. */
  author_email: string | null;
  /** HMAC of the client address: never the address itself. */
  ip_hash: string | null;
  /** As written (after the pipeline's transformations). */
  body: string;
  /** Rendered, sanitized HTML. */
  html: string;
  status: CommentStatus;
  created_at: string;
  updated_at: string;
  likes: number;
  /** JSON array of {code, …} reasons the pipeline (or a moderator) gave. */
  reasons: string;
  /** JSON object of scores (spam, toxicity…). */
  scores: string;
  /** Hash of the folded, whitespace-collapsed text: finds repeats without a full scan. */
  body_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 when the author asked to be emailed replies to this comment (modules/notifications). */
  notify_replies: ColumnType<number, number | undefined, number>;
  /** When this comment's publication as a reply was announced to its parent's author: at most once. */
  reply_notified_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the author last edited the body within the edit window (null: never edited). */
  edited_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One reader's like of one comment: `liker` is `user:ID` or `address:HMAC` (never an address). */
export interface CommentLikesTable {
  comment_id: number;
  liker: string;
  created_at: string;
}

/** A former text of an edited comment, kept for moderators, with the status and reasons it had. */
export interface CommentEditsTable {
  id: Generated<number>;
  comment_id: number;
  body: string;
  status: CommentStatus;
  /** JSON array of the reasons the comment had before the edit. */
  reasons: string;
  edited_at: string;
}

/**
 * An Idempotency-Key of a comment POST: `key_hash` is a hash of the client (account, or
 * address HMAC) and the key; `result` (JSON {id, status, reasons}) is written in the
 * comment's transaction. Kept a day.
 */
export interface CommentIdempotencyTable {
  key_hash: string;
  created_at: string;
  comment_id: number | null;
  result: string | null;
}

/** A comment the newsroom picked ("Sélection de la rédaction"). */
export interface CommentPicksTable {
  comment_id: number;
  picked_by: number | null;
  picked_at: string;
}

export interface CommentTables {
  comment_picks: CommentPicksTable;
  comments: CommentsTable;
  comment_likes: CommentLikesTable;
  comment_edits: CommentEditsTable;
  comment_idempotency: CommentIdempotencyTable;
}

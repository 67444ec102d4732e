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
}

export interface CommentTables {
  comments: CommentsTable;
}

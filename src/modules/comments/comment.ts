import { z } from 'zod';

/** A comment's status (CONTRACT.md). */
export const COMMENT_STATUSES = ['published', 'pending', 'spam', 'rejected', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** A reason the pipeline or a moderator gave for a status: a stable code plus optional details. */
export interface Reason {
  code: string;
  /** Optional details (the matched word, a score…) for humans. */
  detail?: string;
}

export const COMMENT_SORTS = ['oldest', 'newest', 'top'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** Body of POST /api/v1/articles/:id/comments. */
export const commentInputSchema = z.object({
  body: z.string({ error: 'body is required' }),
  parentId: z.number().int().positive().nullish(),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  /** Email me when someone replies (needs an email: the guest's, or the account's). */
  notifyReplies: z.boolean().optional(),
});
export type CommentInput = z.infer<typeof commentInputSchema>;

/** A comment as the public API shows it: never an email or an address. */
export interface PublicComment {
  id: number;
  articleId: number;
  parentId: number | null;
  author: { name: string };
  body: string;
  html: string;
  createdAt: string;
  status: CommentStatus;
  likes: number;
  /** When its author last edited it within the edit window; null when never edited. */
  editedAt: string | null;
}

/** Body of PATCH /api/v1/comments/:id (the author, within the edit window). */
export const commentEditSchema = z.object({ body: z.string({ error: 'body is required' }).max(20000) }).strict();

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

export const COMMENT_SORTS = ['oldest', 'newest', 'top', 'picks'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** Body of POST /api/v1/articles/:id/comments. */
export const commentInputSchema = z.object({
  body: z.string({ error: 'body is required' }),
  parentId: z.number().int().positive().nullish(),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  /** Email me when someone replies (needs an email: the guest's, or the account's). */
  notifyReplies: z.boolean().optional(),
  /** The form's bot traps, for every caller without an API token (staff aside): see docs/moderation.md. */
  token: z.string().max(500).optional().meta({
    description: 'The signed time-to-submit token from GET /api/v1/articles/{id}/comments/token. Without a valid one the comment is held (`form_token`); sent sooner than `minSubmitSeconds` after it was issued, held too (`too_fast`). Not needed with an API token (Bearer) or for staff.',
  }),
  website: z.string().max(500).optional().meta({
    description: 'The honeypot, as on the HTML form: people leave it empty or leave it out. Filled, the comment is kept as spam and answered as if held.',
  }),
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
  /** Picked by the newsroom ("Sélection de la rédaction", issue 14). */
  picked: boolean;
  /** When it was picked; null when it is not. */
  pickedAt: string | null;
}

/** Body of PATCH /api/v1/comments/:id (the author, within the edit window). */
export const commentEditSchema = z.object({ body: z.string({ error: 'body is required' }).max(20000) }).strict();

/** What happened to one comment: posted, its status set by a moderator or a report, or its text edited by its author. */
export const COMMENT_CHANGE_KINDS = ['posted', 'status', 'edited'] as const;
export type CommentChangeKind = (typeof COMMENT_CHANGE_KINDS)[number];

/** How an author's comments are erased (privacy): gone (text and name), or kept without a name. */
export const ERASE_MODES = ['remove', 'anonymize'] as const;
export type EraseMode = (typeof ERASE_MODES)[number];

/**
 * The payload of the `comment.changed` event (infra/hooks.ts), announced by the comments
 * module after every change it commits: one comment (`posted`, `status`, `edited`) or
 * all of one author's comments at once (`erased`).
 */
export type CommentChanged =
  | {
      kind: CommentChangeKind;
      commentId: number;
      articleId: number;
      status: CommentStatus;
      previousStatus: CommentStatus | null;
      /** The comment it answers; null: known to answer none (reply listeners skip it), absent: not said. */
      parentId?: number | null;
    }
  | { kind: 'erased'; mode: EraseMode; articleIds: number[]; count: number };

/** Whose comments: an account's, or a guest's by the email they gave (privacy: download, erasure). */
export type CommentAuthor = { userId: number } | { email: string };

/** A stored reason; unknown keys (details older versions or imports wrote) are kept. */
export const reasonSchema = z.looseObject({ code: z.string(), detail: z.string().optional() });
const storedReasons = z.array(reasonSchema);

/** The reasons column as stored (a JSON array), parsed once where it is read; unreadable JSON reads as no reasons. */
export function parseReasons(json: string): Reason[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const r = storedReasons.safeParse(value);
  return r.success ? r.data : [];
}

/** Who a commenter is, as far as moderation can tell (never a raw address). */
export interface CommenterKey {
  userId: number | null;
  email: string | null;
  ipHash: string | null;
}

const storedScores = z.record(z.string(), z.number());

/** The scores column as stored (a JSON object of numbers), parsed once where it is read; unreadable reads as none. */
export function parseScores(json: string): Record<string, number> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  const r = storedScores.safeParse(value);
  return r.success ? r.data : {};
}

// The schemas of the comments module's routes, exported for the OpenAPI document.

/** `:id` of /api/v1/articles/:id/comments… and /api/v1/comments/:id… */
export const commentIdParams = z.object({ id: z.coerce.number().int().positive() });

/** Query of GET /api/v1/articles/:id/comments. */
export const commentListQuery = z.object({ sort: z.enum(COMMENT_SORTS).default('oldest'), after: z.string().max(50).optional() });

/** The form of a comment posted without JavaScript (POST /articles/:id/comments). */
export const commentFormSchema = z.object({
  body: z.string().default(''),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  parentId: z.string().max(20).optional(),
  website: z.string().max(500).optional(),
  token: z.string().max(500).optional(),
  /** The opt-in checkbox: sent ("1") only when ticked. */
  notifyReplies: z.string().max(10).optional(),
  /** Idempotency key of this form (one per render, renewed per page load by the script): a resent form writes nothing twice. */
  idempotencyKey: z.string().max(200).optional(),
  /** Posted from the embedded discussion: the /embed page to come back to (checked by embedReturnPath). */
  return: z.string().max(10_000).optional(),
});

/** Body of POST /api/v1/comments/:id/reports. */
export const commentReportSchema = z.object({ reason: z.string().trim().max(500).optional() });

/** The no-JS like button's form (POST /comments/:id/like). */
export const likeFormSchema = z.object({ like: z.enum(['0', '1']).default('1'), return: z.string().max(8000).optional() });

import { z } from 'zod';

/** What a moderator may decide on a comment. */
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** What the audit log records: decisions, reports hiding a comment, bans, automatic rules switching an article and their undoing. */
export const LOG_ACTIONS = [...MODERATION_ACTIONS, 'auto_hide', 'ban', 'unban', 'auto_rule', 'auto_rule_undo'] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

/** The moderation queues; `review` lists published comments the pipeline flagged, riskiest first. */
export const QUEUE_NAMES = ['pending', 'spam', 'reported', 'review'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

// The schemas of the moderation routes, exported for the OpenAPI document.

/** `:id` of /api/v1/moderation/comments/:id… and /api/v1/moderation/bans/:id. */
export const moderationIdParams = z.object({ id: z.coerce.number().int().positive() });

/** Query of GET /api/v1/moderation/queue. */
export const queueQuerySchema = z.object({ status: z.enum(QUEUE_NAMES).default('pending'), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Body of a decision on one comment. */
export const decisionSchema = z.object({ action: z.enum(MODERATION_ACTIONS), reason: z.string().trim().max(500).optional() });

/** Body of the same decision on many comments. */
export const bulkDecisionSchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500), action: z.enum(MODERATION_ACTIONS), reason: z.string().trim().max(500).optional() });

/** Body of POST /api/v1/moderation/evaluate. */
export const evaluateSchema = z.object({
  body: z.string({ error: 'body is required' }).max(100_000),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  articleId: z.number().int().positive().optional(),
});

/** `:articleId` of /api/v1/moderation/auto-rules/:articleId. */
export const autoRuleParams = z.object({ articleId: z.coerce.number().int().positive() });

/** Body of PUT /api/v1/moderation/preferences: the moderator's emails (a field left out keeps its value). */
export const preferencesSchema = z.object({ ruleAlerts: z.boolean().optional(), digest: z.boolean().optional() }).strict();

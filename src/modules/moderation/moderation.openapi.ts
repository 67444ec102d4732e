import { z } from 'zod';
import { AUTHENTICATED, errors, json, jsonBody, NO_CONTENT, type ApiPaths } from '../../infra/openapi';
import { COMMENT_STATUSES } from '../comments/comment';
import { reasonOut } from '../comments/comment.openapi';
import { BAN_KINDS, banInputSchema } from './ban.service';
import { bulkDecisionSchema, decisionSchema, evaluateSchema, moderationIdParams, queueQuerySchema } from './moderation';
import { discussionSettingsSchema } from './settings';
import { autoRuleParams, preferencesSchema } from './moderation';

const moderatedComment = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  articleTitle: z.string(),
  parentId: z.number().int().nullable(),
  author: z.object({ name: z.string(), email: z.string().nullable(), userId: z.number().int().nullable() }),
  body: z.string(),
  html: z.string(),
  createdAt: z.string(),
  status: z.enum(COMMENT_STATUSES),
  reasons: z.array(reasonOut.extend({ text: z.string().meta({ description: 'The reason in the moderator’s language' }) })),
  scores: z.record(z.string(), z.number()),
  reports: z.number().int(),
});
const decision = z.object({ id: z.number().int(), status: z.enum(COMMENT_STATUSES), previousStatus: z.enum(COMMENT_STATUSES) });
const ban = z.object({ id: z.number().int(), kind: z.enum(BAN_KINDS), label: z.string(), reason: z.string().nullable(), created_at: z.string(), expires_at: z.string().nullable() });
const logEntry = z.object({
  id: z.number().int(),
  comment_id: z.number().int().nullable(),
  action: z.string(),
  reason: z.string().nullable(),
  previous_status: z.string().nullable(),
  status: z.string().nullable(),
  target: z.string().nullable(),
  created_at: z.string(),
  actor_name: z.string().nullable(),
});

const tags = ['moderation'];
const security = AUTHENTICATED;
const staffOnly = errors([401, 403]);

const falseHold = z
  .object({
    rate: z.number().nullable().meta({ description: 'Held comments later approved, over held comments decided in the last 30 days (null: none decided)' }),
    held: z.number().int(),
    approved: z.number().int(),
    budget: z.number().meta({ description: 'The falseHoldBudget setting' }),
  })
  .meta({ description: 'The measured false-hold rate beside the budget' });

/** The moderation queue, decisions, the evaluation bench, bans, the log and the discussion settings. */
export const moderationPaths: ApiPaths = {
  '/api/v1/settings/discussion': {
    get: { tags: ['settings'], security, summary: 'The discussion settings', responses: { '200': json('Settings', discussionSettingsSchema), ...staffOnly } },
    put: {
      tags: ['settings'],
      security,
      summary: 'Change some or all discussion settings (the others stay)',
      requestBody: jsonBody(discussionSettingsSchema.partial()),
      responses: { '200': json('Settings', discussionSettingsSchema), ...errors([400, 401, 403]) },
    },
  },
  '/api/v1/moderation/queue': {
    get: {
      tags,
      security,
      summary: 'Comments waiting for a moderator, with the reasons',
      requestParams: { query: queueQuerySchema },
      responses: {
        '200': json('The queue and the size of each list', z.object({ comments: z.array(moderatedComment), counts: z.object({ pending: z.number().int(), spam: z.number().int(), reported: z.number().int(), review: z.number().int().meta({ description: 'Published comments listed for review (status=review), riskiest first' }) }), falseHold: falseHold })),
        ...errors([400, 401, 403]),
      },
    },
  },
  '/api/v1/comments/{id}/moderation': {
    post: {
      tags,
      security,
      summary: 'Approve, reject, mark as spam or restore a comment',
      requestParams: { path: moderationIdParams },
      requestBody: jsonBody(decisionSchema),
      responses: { '200': json('The decision', decision), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/moderation/bulk': {
    post: {
      tags,
      security,
      summary: 'The same decision on several comments',
      requestBody: jsonBody(bulkDecisionSchema),
      responses: { '200': json('The decisions', z.object({ comments: z.array(decision) })), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/moderation/evaluate': {
    post: {
      tags,
      security,
      summary: 'What the pipeline would decide for this text from a new guest, under the current settings; saves nothing',
      requestBody: jsonBody(evaluateSchema),
      responses: { '200': json('The verdict', z.object({ status: z.string(), reasons: z.array(reasonOut), scores: z.record(z.string(), z.number()), review: z.boolean().meta({ description: 'Published but listed in the review tab (a `review` reason)' }) })), ...errors([400, 401, 403]) },
    },
  },
  '/api/v1/moderation/bans': {
    get: { tags, security, summary: 'Bans in force', responses: { '200': json('Bans', z.object({ bans: z.array(ban) })), ...staffOnly } },
    post: {
      tags,
      security,
      summary: 'Ban the author of a comment (account, email or hashed address), until a date or for good',
      requestBody: jsonBody(banInputSchema),
      responses: { '201': json('The ban', z.object({ id: z.number().int() })), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/moderation/bans/{id}': {
    delete: { tags, security, summary: 'Lift a ban', requestParams: { path: moderationIdParams }, responses: { '204': NO_CONTENT, ...errors([400, 401, 403, 404]) } },
  },
  '/api/v1/moderation/log': {
    get: { tags, security, summary: 'The latest 200 moderation decisions', responses: { '200': json('The log', z.object({ entries: z.array(logEntry) })), ...staffOnly } },
  },
  '/api/v1/moderation/auto-rules': {
    get: { tags, security, summary: 'Articles an automatic rule protects now', responses: { '200': json('Switches in force', z.object({ switches: z.array(z.object({ articleId: z.number().int(), title: z.string(), mode: z.enum(['pre', 'slow']), slowModeMinutes: z.number().int().nullable(), startedAt: z.string(), until: z.string(), figures: z.record(z.string(), z.unknown()) })) })), ...staffOnly } },
  },
  '/api/v1/moderation/auto-rules/{articleId}': {
    delete: { tags, security, summary: 'Undo the automatic rule in force on an article', requestParams: { path: autoRuleParams }, responses: { '204': NO_CONTENT, ...errors([400, 401, 403, 404]) } },
  },
  '/api/v1/moderation/preferences': {
    get: { tags, security, summary: 'The moderator’s email preferences', responses: { '200': json('Preferences', z.object({ ruleAlerts: z.boolean(), digest: z.boolean() })), ...staffOnly } },
    put: { tags, security, summary: 'Change the moderator’s email preferences', requestBody: jsonBody(preferencesSchema), responses: { '200': json('Preferences', z.object({ ruleAlerts: z.boolean(), digest: z.boolean() })), ...errors([400, 401, 403]) } },
  },
};

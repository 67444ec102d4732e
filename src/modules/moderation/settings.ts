import { z } from 'zod';
import type { Deps } from '../../deps';
import { findSetting, upsertSetting } from '../../infra/settings.repository';
import { DEFAULT_FALSE_HOLD_BUDGET, MAX_FALSE_HOLD_BUDGET } from './classifier/calibration';

export const MODERATION_MODES = ['post', 'pre', 'first-time'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

const words = z.array(z.string().trim().min(1).max(200)).max(5000);

/**
 * The automatic per-story rules (issue 14): when the share of held, reported or rejected
 * comments among an article's last `lastN` reaches `share`, or more than `ratePerMinute`
 * arrive in a minute, the article switches itself to `action` for `durationMinutes`.
 * A field left out takes its default.
 */
export const autoRulesSchema = z
  .object({
    enabled: z.boolean().default(true),
    lastN: z.number().int().min(5).max(500).default(20),
    share: z.number().min(0.05).max(1).default(0.4),
    ratePerMinute: z.number().int().min(1).max(10_000).default(30),
    durationMinutes: z.number().int().min(5).max(10_080).default(360),
    action: z.enum(['pre', 'slow']).default('pre'),
    /** Slow mode's minutes when `action` is 'slow'. */
    slowModeMinutes: z.number().int().min(1).max(1440).default(5),
  })
  .strict();
export type AutoRules = z.infer<typeof autoRulesSchema>;

/** Every discussion setting (CONTRACT.md), with WordPress's defaults where it has one. */
export const discussionSettingsSchema = z
  .object({
    closeAfterDays: z.number().int().min(0).max(36500),
    moderation: z.enum(MODERATION_MODES),
    maxLinks: z.number().int().min(0).max(100),
    holdWords: words,
    blockWords: words,
    guests: z.enum(['allowed', 'name-email', 'accounts-only']),
    threadDepth: z.number().int().min(1).max(10),
    pageSize: z.number().int().min(1).max(500),
    editWindowMinutes: z.number().int().min(0).max(10080),
    /** Palabre's own: seconds a client must wait between two comments (0 = no limit). */
    floodSeconds: z.number().int().min(0).max(3600),
    /** Seconds a human needs at least between seeing the form and sending it (bot trap; 0 = off). */
    minSubmitSeconds: z.number().int().min(0).max(600),
    /** Reader reports that hide a published comment until a moderator looks (0 = never hide). */
    reportThreshold: z.number().int().min(0).max(1000),
    /** Share of legitimate comments the automatic statistical phases may hold (issue 11). */
    falseHoldBudget: z.number().min(0).max(MAX_FALSE_HOLD_BUDGET),
    /** Automatic per-story rules (issue 14). */
    autoRules: autoRulesSchema,
  })
  .strict();
export type DiscussionSettings = z.infer<typeof discussionSettingsSchema>;

export const DEFAULT_DISCUSSION_SETTINGS: DiscussionSettings = {
  closeAfterDays: 0,
  moderation: 'post',
  maxLinks: 2,
  holdWords: [],
  blockWords: [],
  guests: 'name-email',
  threadDepth: 5,
  pageSize: 50,
  editWindowMinutes: 15,
  floodSeconds: 15,
  minSubmitSeconds: 3,
  reportThreshold: 3,
  falseHoldBudget: DEFAULT_FALSE_HOLD_BUDGET,
  autoRules: autoRulesSchema.parse({}),
};

const KEY = 'discussion';

/** Settings read during the current turn of the event loop, per database (see getDiscussionSettings). */
const readThisTurn = new WeakMap<object, Promise<DiscussionSettings>>();

/**
 * The site's discussion settings: defaults overlaid with what the newsroom saved. Read once
 * per turn of the event loop for every caller in it (a burst of comments asks for each one,
 * and the listeners after each write again); a save in this process forgets that read. Treat
 * the answer as read-only: callers of the same turn share it.
 */
export function getDiscussionSettings(deps: Pick<Deps, 'db'>): Promise<DiscussionSettings> {
  const known = readThisTurn.get(deps.db);
  if (known) return known;
  const read = readDiscussionSettings(deps);
  readThisTurn.set(deps.db, read);
  const forget = () => {
    if (readThisTurn.get(deps.db) === read) readThisTurn.delete(deps.db);
  };
  setImmediate(forget);
  read.catch(forget);
  return read;
}

async function readDiscussionSettings(deps: Pick<Deps, 'db'>): Promise<DiscussionSettings> {
  const saved = await findSetting<Partial<DiscussionSettings>>(deps.db, KEY);
  return { ...DEFAULT_DISCUSSION_SETTINGS, ...(saved ?? {}), autoRules: autoRulesSchema.parse(saved?.autoRules ?? {}) };
}

/** Saves settings already validated against discussionSettingsSchema. */
export async function saveDiscussionSettings(deps: Pick<Deps, 'db'>, s: DiscussionSettings): Promise<void> {
  readThisTurn.delete(deps.db);
  await upsertSetting(deps.db, KEY, s);
  readThisTurn.delete(deps.db);
}

/**
 * Whether readers may comment now: the article's own switch, then the age limit,
 * computed from dates at read time (no cron).
 */
export function isDiscussionOpen(
  article: { commentsOpen: boolean; publishAt: string | null },
  settings: Pick<DiscussionSettings, 'closeAfterDays'>,
  now: Date,
): boolean {
  if (!article.commentsOpen) return false;
  if (settings.closeAfterDays > 0 && article.publishAt) {
    const closesAt = new Date(article.publishAt).getTime() + settings.closeAfterDays * 86_400_000;
    if (now.getTime() >= closesAt) return false;
  }
  return true;
}

import type { AuthUser } from '../accounts/account';
import type { CommentStatus, Reason } from '../comments/comment';
import type { Thresholds } from './classifier/calibration';
import type { ModelName } from './classifier/models';
import type { DiscussionSettings } from './settings';

/** What the pipeline knows about a comment being submitted. */
export interface ModerationContext {
  body: string;
  name: string;
  email: string | null;
  /** Client address (never stored as is). */
  ip: string | null;
  ipHash: string | null;
  user: AuthUser | null;
  /** `moderation` and `slowModeMinutes` as they are now (an automatic rule's protection included). */
  article: { id: number; commentsOpen: boolean; publishAt: string | null; moderation: string | null; lang: string; slowModeMinutes: number };
  parentId: number | null;
  settings: DiscussionSettings;
  now: Date;
  /** The bot-trap fields (HTML form, or JSON API without an API token); absent: no trap check. */
  form?: { honeypot?: string; token?: string };
  /** True when nothing may be written or learnt (the evaluate endpoint). */
  dryRun?: boolean;
  /** The site's secret (signed form tokens). */
  secret: string;
  /** What the phases may ask the database about this commenter and text. */
  lookups: ModerationLookups;
}

/** Questions phases ask about the commenter's past; the evaluate endpoint answers as for a new guest. */
export interface ModerationLookups {
  /** When this client (account, else address) last commented, if ever. */
  lastCommentAt(): Promise<string | undefined>;
  /** Whether the same text was already posted by this commenter, or by anyone under this article. */
  isRepeat(bodyHash: string): Promise<boolean>;
  /** Whether a comment of this commenter (account or email) was ever approved. */
  hasApprovedComment(): Promise<boolean>;
  /** The active ban that matches the commenter, if any. */
  activeBan(): Promise<{ id: number; kind: string } | undefined>;
  /** Slow mode: takes this reader's slot on the article for N minutes, or answers the seconds left. */
  claimSlowSlot(minutes: number): Promise<number | undefined>;
  /** What this site's moderators taught a model (spam, toxicity). */
  learnedWeights(model: ModelName): Promise<ReadonlyMap<string, number>>;
  /** A model's thresholds recalibrated on this site's legitimate comments; undefined: the shipped calibration. */
  siteThresholds(model: ModelName, budget: number): Promise<Thresholds | undefined>;
}

/** What one phase may say. */
export interface PhaseResult {
  /** Decides the status and ends the run. */
  status?: CommentStatus;
  reasons?: Reason[];
  scores?: Record<string, number>;
  /** Replaces the body for later phases and for storage. */
  body?: string;
  metadata?: Record<string, unknown>;
}

/**
 * One check of the pipeline. It takes the context and may return nothing, a result,
 * or throw an AppError the commenter is shown (too short, closed…).
 */
export type Phase = (ctx: Readonly<ModerationContext>) => PhaseResult | undefined | Promise<PhaseResult | undefined>;

export interface NamedPhase {
  name: string;
  run: Phase;
}

export interface Verdict {
  status: CommentStatus;
  reasons: Reason[];
  scores: Record<string, number>;
  body: string;
  metadata: Record<string, unknown>;
}

/** Runs the phases in order; the first one that decides a status ends the run. */
export async function runPipeline(phases: readonly NamedPhase[], input: ModerationContext): Promise<Verdict> {
  let ctx: ModerationContext = { ...input };
  const reasons: Reason[] = [];
  const scores: Record<string, number> = {};
  const metadata: Record<string, unknown> = {};
  for (const phase of phases) {
    const r = await phase.run(ctx);
    if (!r) continue;
    if (r.reasons) reasons.push(...r.reasons);
    if (r.scores) Object.assign(scores, r.scores);
    if (r.metadata) Object.assign(metadata, r.metadata);
    if (r.body !== undefined) ctx = { ...ctx, body: r.body };
    if (r.status) return { status: r.status, reasons, scores, body: ctx.body, metadata };
  }
  return { status: 'published', reasons, scores, body: ctx.body, metadata };
}

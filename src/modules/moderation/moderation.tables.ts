import type { Generated } from 'kysely';

/** The audit log: every human decision on a comment (and bans), who, when, what, why. */
export interface ModerationLogTable {
  id: Generated<number>;
  comment_id: number | null;
  actor_id: number | null;
  /** approve | reject | spam | restore | ban | unban | auto_hide */
  action: string;
  reason: string | null;
  created_at: string;
  previous_status: string | null;
  status: string | null;
  /** What a ban or unban was about, e.g. `email:a@b.c` (never an address: its hash). */
  target: string | null;
}

/** A ban of an account, an email or a (hashed) client address; optional end date. */
export interface ModerationBansTable {
  id: Generated<number>;
  kind: 'account' | 'email' | 'address';
  /** User id, folded email, or address HMAC. */
  value: string;
  /** What the moderators see (a name, an email, "address of comment 12"). */
  label: string;
  reason: string | null;
  created_by: number | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** A reader's report of a comment ("Signaler"); one per reader per comment. */
export interface CommentReportsTable {
  id: Generated<number>;
  comment_id: number;
  /** `user:ID` or `address:HMAC`. */
  reporter: string;
  reason: string | null;
  created_at: string;
  resolved_at: string | null;
}

/** Per learned model: a version bumped by every lesson, so instances know to reload. */
export interface ModerationModelsTable {
  model: string;
  version: number;
  decisions: number;
  updated_at: string;
}

/** What a model learnt from this site's moderators: a change to one feature's weight. */
export interface ModerationWeightsTable {
  model: string;
  feature: string;
  delta: number;
  /** The model version that last changed it (incremental reloads). */
  version: number;
}

/** The current (or last) switch of an article by an automatic rule (issue 14). */
export interface AutoRuleSwitchesTable {
  article_id: number;
  /** 'pre' | 'slow' */
  mode: string;
  slow_minutes: number | null;
  /** 'share' | 'rate': which rule fired. */
  trigger: string;
  /** JSON: the figures that made it fire. */
  figures: string;
  started_at: string;
  ends_at: string;
  undone_at: string | null;
  undone_by: number | null;
}

/** What a moderator wants to be mailed: rule alerts, the hourly digest. */
export interface ModeratorPreferencesTable {
  user_id: number;
  rule_alerts: number;
  digest: number;
  digest_sent_at: string | null;
}

export interface ModerationTables {
  auto_rule_switches: AutoRuleSwitchesTable;
  moderator_preferences: ModeratorPreferencesTable;
  moderation_log: ModerationLogTable;
  moderation_bans: ModerationBansTable;
  comment_reports: CommentReportsTable;
  moderation_models: ModerationModelsTable;
  moderation_weights: ModerationWeightsTable;
}

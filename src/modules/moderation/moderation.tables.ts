import type { Generated } from 'kysely';

/** The audit log: every human decision on a comment. */
export interface ModerationLogTable {
  id: Generated<number>;
  comment_id: number | null;
  actor_id: number | null;
  action: string;
  reason: string | null;
  created_at: string;
}

export interface ModerationTables {
  moderation_log: ModerationLogTable;
}

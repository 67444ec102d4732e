/** The name in every export's header line; see docs/export-format.md. */
export const EXPORT_FORMAT = 'palabre-export';
/** Bumped when a line changes meaning; restore reads this version and older ones. */
export const EXPORT_VERSION = 1;

/** One kind of line: the table it comes from, the column(s) it is ordered by, the columns never written. */
export interface ExportKind {
  type: string;
  table: string;
  /** Ordering (and paging) key; a single column is paged by keyset, a composite one by offset. */
  key: string[];
  omit: string[];
  /** Whether the table has an integer `id` whose generator must move past restored rows. */
  hasId: boolean;
}

/**
 * What an export holds, in the order lines are written and restored: every row
 * that matters, dependencies first. Never written: password hashes (accounts
 * are restored without a password and reset theirs), the signing secret (the
 * new instance has its own), and client-address HMACs (keyed by that secret,
 * meaningless elsewhere).
 */
export const EXPORT_KINDS: ExportKind[] = [
  { type: 'setting', table: 'settings', key: ['key'], omit: [], hasId: false },
  { type: 'user', table: 'users', key: ['id'], omit: ['password_hash'], hasId: true },
  { type: 'section', table: 'sections', key: ['id'], omit: [], hasId: true },
  { type: 'tag', table: 'tags', key: ['id'], omit: [], hasId: true },
  { type: 'article', table: 'articles', key: ['id'], omit: [], hasId: true },
  { type: 'article_author', table: 'article_authors', key: ['article_id', 'user_id'], omit: [], hasId: false },
  { type: 'article_tag', table: 'article_tags', key: ['article_id', 'tag_id'], omit: [], hasId: false },
  { type: 'article_slug', table: 'article_slugs', key: ['slug'], omit: [], hasId: false },
  { type: 'revision', table: 'revisions', key: ['id'], omit: [], hasId: true },
  { type: 'comment', table: 'comments', key: ['id'], omit: ['ip_hash'], hasId: true },
  { type: 'comment_edit', table: 'comment_edits', key: ['id'], omit: [], hasId: true },
  // The newsroom's picks (issue 14): after the comments and the accounts they name.
  { type: 'comment_pick', table: 'comment_picks', key: ['comment_id'], omit: [], hasId: false },
  { type: 'moderation_log', table: 'moderation_log', key: ['id'], omit: [], hasId: true },
  // Issue 14: an article's automatic-rule switch (so a protection restored can be undone) and moderators' email choices.
  { type: 'auto_rule_switch', table: 'auto_rule_switches', key: ['article_id'], omit: [], hasId: false },
  { type: 'moderator_preference', table: 'moderator_preferences', key: ['user_id'], omit: [], hasId: false },
  { type: 'legacy_url', table: 'legacy_urls', key: ['path'], omit: [], hasId: false },
  { type: 'imported_image', table: 'imported_images', key: ['article_id'], omit: [], hasId: false },
];

/** Settings never exported. */
export const SECRET_SETTINGS = ['secret'];

/** A row as written: column → text, number or null. */
export type ExportRow = Record<string, string | number | null>;

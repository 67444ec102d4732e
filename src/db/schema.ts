import type { AccountTables } from '../modules/accounts/account.tables';
import type { ArticleTables } from '../modules/articles/article.tables';
import type { AutosaveTables } from '../modules/articles/autosave.tables';
import type { CommentTables } from '../modules/comments/comment.tables';
import type { ImporterTables } from '../modules/importers/importer.tables';
import type { MediaTables } from '../modules/media/media.tables';
import type { ModerationTables } from '../modules/moderation/moderation.tables';

/** Key/value settings of the site (secret, discussion settings…); values are JSON text. */
export interface SettingsTable {
  key: string;
  value: string;
}

/**
 * The whole database, one interface per module's tables.
 * Timestamps are ISO 8601 UTC strings, booleans 0/1 integers, JSON as text, on both engines.
 */
export interface Database extends AccountTables, ArticleTables, CommentTables, ModerationTables, AutosaveTables, MediaTables, ImporterTables {
  settings: SettingsTable;
}

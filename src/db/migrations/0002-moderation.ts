import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Moderation: a hash of each comment's normalised text (repeat detection), the
 * audit log's before/after statuses, bans, reader reports, and what the spam
 * model learnt from this site's moderators (per-feature weight changes).
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  const s = db.schema;
  await s.alterTable('comments').addColumn('body_hash', 'text').execute();
  await s.createIndex('comments_body_hash').on('comments').columns(['body_hash', 'created_at']).execute();
  await s.createIndex('comments_email').on('comments').columns(['author_email', 'created_at']).execute();
  await s.createIndex('comments_user').on('comments').columns(['user_id', 'created_at']).execute();

  await s.alterTable('moderation_log').addColumn('previous_status', 'text').execute();
  await s.alterTable('moderation_log').addColumn('status', 'text').execute();
  await s.alterTable('moderation_log').addColumn('target', 'text').execute();
  await s.createIndex('moderation_log_created').on('moderation_log').column('created_at').execute();

  await d
    .addIdColumn(s.createTable('moderation_bans'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await s.createIndex('moderation_bans_value').on('moderation_bans').columns(['kind', 'value']).execute();

  await d
    .addIdColumn(s.createTable('comment_reports'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('comment_reports_once', ['comment_id', 'reporter'])
    .execute();
  await s.createIndex('comment_reports_open').on('comment_reports').columns(['resolved_at', 'comment_id']).execute();

  await s
    .createTable('moderation_models')
    .addColumn('model', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decisions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('moderation_weights')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('delta', 'double precision', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('moderation_weights_pk', ['model', 'feature'])
    .execute();
  await s.createIndex('moderation_weights_version').on('moderation_weights').columns(['model', 'version']).execute();
}

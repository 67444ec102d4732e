import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * The newsroom: one-time password tokens (reset, invitation), account suspension
 * and language, the editor's autosaves, and the media library.
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  const s = db.schema;
  await s.alterTable('users').addColumn('disabled_at', 'text').execute();
  await s.alterTable('users').addColumn('locale', 'text').execute();

  await d
    .addIdColumn(s.createTable('password_tokens'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await s.createIndex('password_tokens_user').on('password_tokens').column('user_id').execute();

  await s
    .createTable('article_autosaves')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_autosaves_pk', ['article_id', 'user_id'])
    .execute();

  await d
    .addIdColumn(s.createTable('media'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('renditions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('media_created').on('media').column('created_at').execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Reader likes and the author's edit window. `comment_likes`: one row per reader per
 * comment (`liker` is `user:ID` for an account, `address:HMAC` for a guest, never an
 * address), the primary key enforcing "one like each"; `comments.likes` stays the count
 * shown and sorted on. `comment_edits`: every former text of an edited comment, kept for
 * moderators; `comments.edited_at`: when its author last edited it ("modifié").
 */
export async function up(db: Kysely<unknown>, d: Dialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('comment_likes')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('liker', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_likes_pk', ['comment_id', 'liker'])
    .execute();
  await s.createIndex('comment_likes_liker').on('comment_likes').columns(['liker', 'comment_id']).execute();

  await d
    .addIdColumn(s.createTable('comment_edits'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('comment_edits_comment').on('comment_edits').columns(['comment_id', 'id']).execute();

  await s.alterTable('comments').addColumn('edited_at', 'text').execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Idempotency keys of comment POSTs (comments module): one row per client and key, claimed
 * before the comment is written (the primary key makes a concurrent retry lose the claim)
 * and completed in the comment's own transaction, so a retry after a crash finds the comment.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  await db.schema
    .createTable('comment_idempotency')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('result', 'text')
    .execute();
  await db.schema.createIndex('comment_idempotency_created').on('comment_idempotency').column('created_at').execute();
}

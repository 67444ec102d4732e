import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Human decisions on comments at or after `since`, oldest first (the audit log's comment rows). */
export async function listDecisionsSince(db: Db, since: string) {
  const rows = await db
    .selectFrom('moderation_log')
    .select(['comment_id', 'previous_status', 'status', 'created_at'])
    .where('created_at', '>=', since)
    .where('comment_id', 'is not', null)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({ commentId: r.comment_id as number, previousStatus: r.previous_status, status: r.status, at: r.created_at }));
}

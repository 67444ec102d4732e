import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Email notification of replies (opt-in). On each comment: `notify_replies` (0/1), the
 * author's choice to be emailed when a reply to it is published (turned off again by the
 * emailed unsubscribe link); `reply_notified_at`, set once the publication of this comment
 * as a reply has been handled, so that no reply is ever announced twice (approve, reject,
 * restore) whichever instance sees it. One column per statement: SQLite adds them one by one.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  await db.schema
    .alterTable('comments')
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('comments').addColumn('reply_notified_at', 'text').execute();
}

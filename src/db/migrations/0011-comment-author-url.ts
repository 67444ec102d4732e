import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * A commenter's website, as WordPress and Disqus keep it (`comment_author_url`): carried
 * by imports and written back by the WXR export. Null when none was given. The comments
 * module owns the column; imports write it through comment-bulk.repository.ts.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  await db.schema.alterTable('comments').addColumn('author_url', 'text').execute();
}

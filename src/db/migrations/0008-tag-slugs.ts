import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Former slugs of tags (renamed or merged into another): /tag/OLD answers 301 to the
 * tag's current page, as article_slugs does for articles.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  await db.schema
    .createTable('tag_slugs')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('tag_slugs_tag').on('tag_slugs').column('tag_id').execute();
}

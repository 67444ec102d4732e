import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Importers and exports: the map from ids in a source (WordPress, Disqus) to local
 * rows, so that importing the same file twice creates nothing twice; the old URLs
 * that now redirect to an article; the featured images recorded from an import.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('import_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer')
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'external_id'])
    .execute();

  await s
    .createTable('legacy_urls')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .execute();
  await s.createIndex('legacy_urls_article').on('legacy_urls').column('article_id').execute();

  await s
    .createTable('imported_images')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

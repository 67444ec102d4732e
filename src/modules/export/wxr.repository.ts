import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { articlesQuery } from '../articles/article.repository';

/** Articles (every status) with their section, by id, a page at a time. */
export async function articleRowsAfter(db: Kysely<Database>, after: number, limit: number) {
  return articlesQuery(db).where('articles.id', '>', after).orderBy('articles.id').limit(limit).execute();
}

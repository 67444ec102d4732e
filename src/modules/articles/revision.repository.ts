import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The `revisions` table: every saved version of an article, read by the history and diff pages. */

export async function insertRevision(
  db: Kysely<Database>,
  r: { article_id: number; author_id: number | null; title: string; summary: string; body: string; created_at: string },
): Promise<void> {
  await db.insertInto('revisions').values(r).execute();
}

export async function listRevisions(db: Kysely<Database>, articleId: number) {
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.author_id')
    .select(['revisions.id', 'revisions.created_at', 'revisions.title', 'users.id as author_id', 'users.name as author_name'])
    .where('revisions.article_id', '=', articleId)
    .orderBy('revisions.id', 'desc')
    .execute();
}

/** One revision with its full text. */
export async function findRevision(db: Kysely<Database>, articleId: number, revisionId: number) {
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.author_id')
    .select(['revisions.id', 'revisions.created_at', 'revisions.title', 'revisions.summary', 'revisions.body', 'users.id as author_id', 'users.name as author_name'])
    .where('revisions.article_id', '=', articleId)
    .where('revisions.id', '=', revisionId)
    .executeTakeFirst();
}

/** The revision saved right after this one, if any. */
export async function findNextRevision(db: Kysely<Database>, articleId: number, revisionId: number) {
  return db
    .selectFrom('revisions')
    .select(['id', 'created_at', 'title', 'summary', 'body'])
    .where('article_id', '=', articleId)
    .where('id', '>', revisionId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

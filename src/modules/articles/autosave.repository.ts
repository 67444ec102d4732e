import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ArticleAutosavesTable } from './autosave.tables';

/** Keeps the latest autosaved text of this user for this article (one row, overwritten). */
export async function upsertAutosave(db: Kysely<Database>, row: ArticleAutosavesTable): Promise<void> {
  const { article_id: _articleId, user_id: _userId, ...rest } = row;
  await db
    .insertInto('article_autosaves')
    .values(row)
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet(rest))
    .execute();
}

export async function findAutosave(db: Kysely<Database>, articleId: number, userId: number): Promise<ArticleAutosavesTable | undefined> {
  return db.selectFrom('article_autosaves').selectAll().where('article_id', '=', articleId).where('user_id', '=', userId).executeTakeFirst();
}

export async function deleteAutosave(db: Kysely<Database>, articleId: number, userId: number): Promise<void> {
  await db.deleteFrom('article_autosaves').where('article_id', '=', articleId).where('user_id', '=', userId).execute();
}

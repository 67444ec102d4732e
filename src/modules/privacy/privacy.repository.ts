import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// The comments, likes and former texts of a person are the comments module's (comments/comment.author.ts).

/** The account row a reader may download (no password hash). */
export async function findAccount(db: Kysely<Database>, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at']).where('id', '=', userId).executeTakeFirst();
}

export async function deleteUserRow(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The account row its owner may download (no password hash). */
export async function findAccountRecord(db: Kysely<Database>, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at']).where('id', '=', userId).executeTakeFirst();
}

export async function findEmailAndState(db: Kysely<Database>, userId: number): Promise<{ email: string; disabled_at: string | null } | undefined> {
  return db.selectFrom('users').select(['email', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
}

/** Rows that reference the account with ON DELETE CASCADE (sessions, API tokens) go with it. */
export async function deleteUserRow(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** An account's email for reply emails: null when the account is suspended (or gone). */
export async function findReachableAccountEmail(db: Kysely<Database>, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select(['email', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
  return row && row.disabled_at === null ? row.email : null;
}

/** An account's email, suspended or not (the replier's own address, to skip their own replies). */
export async function findAccountEmail(db: Kysely<Database>, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  return row?.email ?? null;
}

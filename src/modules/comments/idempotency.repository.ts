import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Drops this key's row when it is older than `expired`, or an unfinished claim older than `stale` (its server died). */
export async function dropExpiredKey(db: Db, keyHash: string, expired: string, stale: string): Promise<void> {
  await db
    .deleteFrom('comment_idempotency')
    .where('key_hash', '=', keyHash)
    .where((eb) => eb.or([eb('created_at', '<', expired), eb.and([eb('result', 'is', null), eb('created_at', '<', stale)])]))
    .execute();
}

/** Claims the key: true for the one caller that inserted the row (the primary key refuses every other). */
export async function insertKeyClaim(db: Db, keyHash: string, now: string): Promise<boolean> {
  const r = await db
    .insertInto('comment_idempotency')
    .values({ key_hash: keyHash, created_at: now, comment_id: null, result: null })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .returning('key_hash')
    .executeTakeFirst();
  return r !== undefined;
}

export async function findKey(db: Db, keyHash: string): Promise<{ result: string | null; created_at: string } | undefined> {
  return db.selectFrom('comment_idempotency').select(['result', 'created_at']).where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Writes the answer of the claimed key (inside the comment's transaction). */
export async function completeKey(db: Db, keyHash: string, commentId: number, result: string): Promise<void> {
  await db.updateTable('comment_idempotency').set({ comment_id: commentId, result }).where('key_hash', '=', keyHash).execute();
}

/** Gives an unfinished claim back (the comment was refused), so a retry is judged again. */
export async function releaseKey(db: Db, keyHash: string): Promise<void> {
  await db.deleteFrom('comment_idempotency').where('key_hash', '=', keyHash).where('result', 'is', null).execute();
}

/** Forgets keys recorded before the cutoff (they hold a hash derived from the client address). */
export async function purgeKeysBefore(db: Db, cutoff: string): Promise<number> {
  const r = await db.deleteFrom('comment_idempotency').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}

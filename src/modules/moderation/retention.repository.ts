import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/**
 * Reports by guests older than the cutoff forget the address HMAC: the report stays (it
 * counts toward the hiding threshold and the moderators' history) under a name unique
 * to the row, as the one-report-per-reader constraint needs.
 */
export async function forgetReporterAddressesBefore(db: Db, cutoff: string): Promise<number> {
  const r = await db
    .updateTable('comment_reports')
    .set({ reporter: sql<string>`'forgotten:' || cast(id as text)` })
    .where('reporter', 'like', 'address:%')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Address bans that ended (lifted or expired) before the cutoff forget the HMAC; bans in
 * force keep it, since it is what they match.
 */
export async function forgetEndedAddressBansBefore(db: Db, cutoff: string): Promise<number> {
  const r = await db
    .updateTable('moderation_bans')
    .set({ value: sql<string>`'forgotten:' || cast(id as text)` })
    .where('kind', '=', 'address')
    .where('value', 'not like', 'forgotten:%')
    .where((eb) => eb.or([eb('revoked_at', '<', cutoff), eb('expires_at', '<', cutoff)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

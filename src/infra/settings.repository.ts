import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { runShaped } from '../db/statement-shapes';

/** Reads one setting's JSON value, or undefined when unset. */
export async function findSetting<T>(db: Kysely<Database>, key: string): Promise<T | undefined> {
  // Read for every group of new comments (the discussion settings): compiled once.
  const [row] = await runShaped(db, 'settings.find', [key], () => db.selectFrom('settings').select('value').where('key', '=', key));
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Writes one setting (insert or replace). */
export async function upsertSetting(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

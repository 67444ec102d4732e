import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// Export and restore move whole rows of tables named at run time; this view of the
// database is typed by column values only, which is all they need.
type AnyDb = Kysely<Record<string, Record<string, string | number | null>>>;
const loose = (db: Kysely<Database>) => db as unknown as AnyDb;

/** One page of a table's rows, ordered by key: after the last key value (single-column key) or at an offset. */
export async function pageRows(
  db: Kysely<Database>,
  table: string,
  key: string[],
  page: { after?: string | number | undefined; offset?: number },
  limit: number,
): Promise<Record<string, string | number | null>[]> {
  let q = loose(db).selectFrom(table).selectAll();
  for (const k of key) q = q.orderBy(k);
  const first = key[0];
  if (key.length === 1 && first !== undefined && page.after !== undefined) q = q.where(first, '>', page.after);
  if (key.length > 1 && page.offset) q = q.offset(page.offset);
  return q.limit(limit).execute();
}

/** Inserts rows (all of one table, same columns) as they are, explicit ids included. */
export async function insertRows(db: Kysely<Database>, table: string, rows: Record<string, string | number | null>[]): Promise<void> {
  if (rows.length === 0) return;
  await loose(db).insertInto(table).values(rows).execute();
}

/** Upserts a setting row as exported (JSON text value). */
export async function upsertSettingRow(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Rows in the tables that make an instance non-empty. */
export async function countContent(db: Kysely<Database>): Promise<number> {
  const counts = await Promise.all(
    (['users', 'articles', 'comments'] as const).map((t) => db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()),
  );
  return counts.reduce((sum, r) => sum + Number(r.n), 0);
}

/** Article ids in order, a page at a time (to announce restored articles to the other modules). */
export async function articleIdsAfter(db: Kysely<Database>, after: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

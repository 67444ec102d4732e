import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MediaTable } from './media.tables';

type MediaRow = Omit<MediaTable, 'id'> & { id: number };

export async function insertMedia(db: Kysely<Database>, m: Omit<MediaTable, 'id'>): Promise<number> {
  const r = await db.insertInto('media').values(m).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findMediaById(db: Kysely<Database>, id: number): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first, keyset-paginated by id. */
export async function listMedia(db: Kysely<Database>, limit: number, beforeId?: number): Promise<MediaRow[]> {
  let q = db.selectFrom('media').selectAll();
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function updateMediaAlt(db: Kysely<Database>, id: number, alt: string): Promise<void> {
  await db.updateTable('media').set({ alt }).where('id', '=', id).execute();
}

export async function deleteMediaRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('media').where('id', '=', id).execute();
}

/** Whether a stored file is still used by another media row (identical uploads share files). */
export async function countMediaWithFile(db: Kysely<Database>, file: string): Promise<number> {
  const r = await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).where('file', '=', file).executeTakeFirstOrThrow();
  return Number(r.n);
}

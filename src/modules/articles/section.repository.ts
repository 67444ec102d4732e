import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface Section {
  id: number;
  slug: string;
  name: string;
}

export async function listSections(db: Kysely<Database>): Promise<Section[]> {
  return db.selectFrom('sections').select(['id', 'slug', 'name']).orderBy('name').execute();
}

export async function findSectionBySlug(db: Kysely<Database>, slug: string): Promise<Section | undefined> {
  return db.selectFrom('sections').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export async function insertSection(db: Kysely<Database>, s: { slug: string; name: string; created_at: string }): Promise<number> {
  const r = await db.insertInto('sections').values(s).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findTagBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export async function renameSection(db: Kysely<Database>, id: number, name: string): Promise<void> {
  await db.updateTable('sections').set({ name }).where('id', '=', id).execute();
}

/** Sections with how many articles each holds. */
export async function listSectionsWithCounts(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('sections')
    .leftJoin('articles', 'articles.section_id', 'sections.id')
    .select(['sections.id', 'sections.slug', 'sections.name', (eb) => eb.fn.count<number>('articles.id').as('count')])
    .groupBy(['sections.id', 'sections.slug', 'sections.name'])
    .orderBy('sections.name')
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

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

/**
 * The ids of tags by slug, those missing created (`name` given with each slug), in two or
 * three statements whatever their number; `created` counts the slugs that had no tag.
 */
export async function ensureTags(db: Kysely<Database>, tags: readonly { slug: string; name: string }[]): Promise<{ ids: Map<string, number>; created: number }> {
  const ids = new Map<string, number>();
  if (tags.length === 0) return { ids, created: 0 };
  const read = async (slugs: string[]) => {
    const rows = await db.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', slugs).execute();
    for (const r of rows) ids.set(r.slug, r.id);
  };
  await read(tags.map((t) => t.slug));
  const missing = tags.filter((t) => !ids.has(t.slug));
  if (missing.length > 0) {
    // A tag made meanwhile by another writer is taken as it is (its name kept).
    await db
      .insertInto('tags')
      .values(missing.map((t) => ({ slug: t.slug, name: t.name })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    await read(missing.map((t) => t.slug));
  }
  return { ids, created: missing.length };
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

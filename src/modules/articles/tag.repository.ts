import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface Tag {
  id: number;
  slug: string;
  name: string;
}

/** The articles carrying a tag. */
export async function listTagArticleIds(db: Kysely<Database>, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.article_id);
}

/** The tag a former slug now points to. */
export async function findTagIdByOldSlug(db: Kysely<Database>, slug: string): Promise<number | undefined> {
  const r = await db.selectFrom('tag_slugs').select('tag_id').where('slug', '=', slug).executeTakeFirst();
  return r?.tag_id;
}

export async function findTagById(db: Kysely<Database>, id: number): Promise<Tag | undefined> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Gives a tag its new name and slug; the old slug keeps redirecting to it. */
export async function updateTag(db: Kysely<Database>, tag: Tag, next: { name: string; slug: string }): Promise<void> {
  await db.updateTable('tags').set(next).where('id', '=', tag.id).execute();
  if (next.slug === tag.slug) return;
  // The new slug is a live page again: it no longer redirects anywhere.
  await db.deleteFrom('tag_slugs').where('slug', '=', next.slug).execute();
  await recordOldTagSlug(db, tag.slug, tag.id);
}

async function recordOldTagSlug(db: Kysely<Database>, slug: string, tagId: number): Promise<void> {
  await db
    .insertInto('tag_slugs')
    .values({ slug, tag_id: tagId })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ tag_id: tagId }))
    .execute();
}

/**
 * Moves every article of `from` to `into` (an article holding both keeps one row),
 * makes `from`'s slug and former slugs redirect to `into`, then deletes `from`.
 */
export async function mergeTags(db: Kysely<Database>, from: Tag, into: Tag): Promise<void> {
  await db
    .insertInto('article_tags')
    .columns(['article_id', 'tag_id'])
    .expression(db.selectFrom('article_tags').select(['article_id', sql.lit(into.id).as('tag_id')]).where('tag_id', '=', from.id))
    .onConflict((oc) => oc.columns(['article_id', 'tag_id']).doNothing())
    .execute();
  await db.updateTable('tag_slugs').set({ tag_id: into.id }).where('tag_id', '=', from.id).execute();
  await recordOldTagSlug(db, from.slug, into.id);
  await db.deleteFrom('tags').where('id', '=', from.id).execute();
}

/** Bumps the version of articles whose tags changed: their cached pages are stale. */
export async function bumpArticleVersions(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('articles').set((eb) => ({ version: eb('version', '+', 1) })).where('id', 'in', ids).execute();
}

/** Tags with how many articles carry each, most used first. */
export async function listTagsWithCounts(db: Kysely<Database>, limit = 500) {
  const rows = await db
    .selectFrom('tags')
    .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select(['tags.slug', 'tags.name', (eb) => eb.fn.count<number>('article_tags.article_id').as('count')])
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('count', 'desc')
    .orderBy('tags.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

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

/** Drafts and scheduled articles, for the dashboard (optionally one author's). */
export async function countUnpublished(db: Kysely<Database>, now: string, authorId?: number): Promise<{ drafts: number; scheduled: number }> {
  let q = db
    .selectFrom('articles')
    .select([
      (eb) => eb.fn.sum<number>(eb.case().when('status', '=', 'draft').then(1).else(0).end()).as('drafts'),
      (eb) => eb.fn.sum<number>(eb.case().when(eb.and([eb('status', '=', 'published'), eb('publish_at', '>', now)])).then(1).else(0).end()).as('scheduled'),
    ]);
  if (authorId !== undefined)
    q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', authorId)));
  const r = await q.executeTakeFirstOrThrow();
  return { drafts: Number(r.drafts ?? 0), scheduled: Number(r.scheduled ?? 0) };
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';

/** Whether a row (`owner`, e.g. users.id) is linked through `link` to an article visible at `now`. */
function hasVisibleArticle(link: 'article_authors' | 'article_tags', column: 'user_id' | 'tag_id', owner: 'users.id' | 'tags.id', now: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from ${sql.table(link)} l join articles a on a.id = l.article_id
    where l.${sql.ref(column)} = ${sql.ref(owner)} and a.status = 'published' and a.publish_at <= ${now})`;
}

/** An account that signs at least one article visible at `now` (else undefined). */
export async function findPublishedAuthor(db: Kysely<Database>, userId: number, now: string): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.name'])
    .where('users.id', '=', userId)
    .where(hasVisibleArticle('article_authors', 'user_id', 'users.id', now))
    .executeTakeFirst();
}

/** A published article's place in a sitemap. */
export interface SitemapRow {
  id: number;
  slug: string;
  section_slug: string | null;
  title: string;
  lang: string;
  publish_at: string;
  updated_at: string;
}

function visibleArticles(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.slug', 'sections.slug as section_slug', 'articles.title', 'articles.lang', 'articles.publish_at', 'articles.updated_at'])
    .where('articles.status', '=', 'published')
    .where('articles.publish_at', '<=', now);
}

/** How many articles readers can see now. */
export async function countVisibleArticles(db: Kysely<Database>, now: string): Promise<number> {
  const r = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .where('publish_at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Visible articles by id, one sitemap page of them. */
export async function listSitemapArticles(db: Kysely<Database>, now: string, offset: number, limit: number): Promise<SitemapRow[]> {
  const rows = await visibleArticles(db, now).orderBy('articles.id').limit(limit).offset(offset).execute();
  return rows as SitemapRow[];
}

/** Articles published in [since, now], newest first (the Google News sitemap). */
export async function listRecentArticles(db: Kysely<Database>, since: string, now: string, limit: number): Promise<SitemapRow[]> {
  const rows = await visibleArticles(db, now).where('articles.publish_at', '>=', since).orderBy('articles.publish_at', 'desc').limit(limit).execute();
  return rows as SitemapRow[];
}

/** Tags with at least one visible article, for the sitemap. */
export async function listUsedTags(db: Kysely<Database>, now: string): Promise<{ slug: string }[]> {
  return db
    .selectFrom('tags')
    .select('tags.slug')
    .where(hasVisibleArticle('article_tags', 'tag_id', 'tags.id', now))
    .orderBy('tags.slug')
    .execute();
}

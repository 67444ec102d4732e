import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';
import type { Article, Protection } from './article';
import { ensureTags } from './section.repository';

type Row = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  section_id: number | null;
  section_slug: string | null;
  section_name: string | null;
  dateline: string;
  status: 'draft' | 'published';
  publish_at: string | null;
  created_at: string;
  updated_at: string;
  comments_open: number;
  image_id: number | null;
  correction: string | null;
  lang: string;
  moderation: string | null;
  slow_mode_minutes: number;
  protect_mode: string | null;
  protect_slow_minutes: number | null;
  protect_until: string | null;
  version: number;
};

/** Base query: articles with their section. */
export function articlesQuery(db: Kysely<Database>): SelectQueryBuilder<Database, 'articles' | 'sections', Row> {
  return db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'articles.summary',
      'articles.body',
      'articles.section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
      'articles.dateline',
      'articles.status',
      'articles.publish_at',
      'articles.created_at',
      'articles.updated_at',
      'articles.comments_open',
      'articles.image_id',
      'articles.correction',
      'articles.lang',
      'articles.moderation',
      'articles.slow_mode_minutes',
      'articles.protect_mode',
      'articles.protect_slow_minutes',
      'articles.protect_until',
      'articles.version',
    ]);
}

/** Adds tags and authors to rows in two queries, whatever the number of rows. */
export async function hydrateArticles(db: Kysely<Database>, rows: Row[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tags, authors] = await Promise.all([
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('tags.slug')
      .execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['article_authors.article_id', 'users.id', 'users.name'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.body,
    section: r.section_id !== null && r.section_slug !== null ? { id: r.section_id, slug: r.section_slug, name: r.section_name ?? r.section_slug } : null,
    tags: tags.filter((t) => t.article_id === r.id).map((t) => ({ slug: t.slug, name: t.name })),
    authors: authors.filter((a) => a.article_id === r.id).map((a) => ({ id: a.id, name: a.name })),
    dateline: r.dateline,
    storedStatus: r.status,
    publishAt: r.publish_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    commentsOpen: r.comments_open === 1,
    image: r.image_id,
    correction: r.correction,
    lang: r.lang,
    moderation: r.moderation,
    slowModeMinutes: r.slow_mode_minutes,
    protection: protectionOf(r),
    version: r.version,
  }));
}

/** The protection columns of an article's row, as the article's `protection`. */
export function protectionOf(r: Pick<Row, 'protect_mode' | 'protect_slow_minutes' | 'protect_until'>): Protection | null {
  return (r.protect_mode === 'pre' || r.protect_mode === 'slow') && r.protect_until ? { mode: r.protect_mode, slowModeMinutes: r.protect_slow_minutes ?? 0, until: r.protect_until } : null;
}

export async function findArticleById(db: Kysely<Database>, id: number): Promise<Article | undefined> {
  const rows = await articlesQuery(db).where('articles.id', '=', id).execute();
  return (await hydrateArticles(db, rows))[0];
}

export async function findArticleBySlug(db: Kysely<Database>, slug: string): Promise<Article | undefined> {
  const rows = await articlesQuery(db).where('articles.slug', '=', slug).execute();
  return (await hydrateArticles(db, rows))[0];
}

/** The article a former slug (or imported permalink) now points to. */
export async function findArticleIdByOldSlug(db: Kysely<Database>, slug: string): Promise<number | undefined> {
  const r = await db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug).executeTakeFirst();
  return r?.article_id;
}

export interface ListFilter {
  /** Only articles visible to readers at this instant. */
  visibleAt?: string;
  status?: 'draft' | 'scheduled' | 'published';
  now: string;
  sectionId?: number;
  authorId?: number;
  tagId?: number;
  /** Keyset cursor: articles strictly before this (sortKey, id). */
  before?: { key: string; id: number };
  limit: number;
}

/** Articles newest first (by publication time, then creation), filtered. */
export async function listArticles(db: Kysely<Database>, f: ListFilter): Promise<Article[]> {
  let q = articlesQuery(db);
  if (f.visibleAt !== undefined) q = q.where('articles.status', '=', 'published').where('articles.publish_at', '<=', f.visibleAt);
  if (f.status === 'draft') q = q.where('articles.status', '=', 'draft');
  if (f.status === 'published') q = q.where('articles.status', '=', 'published').where('articles.publish_at', '<=', f.now);
  if (f.status === 'scheduled') q = q.where('articles.status', '=', 'published').where('articles.publish_at', '>', f.now);
  if (f.sectionId !== undefined) q = q.where('articles.section_id', '=', f.sectionId);
  if (f.authorId !== undefined) {
    const authorId = f.authorId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', authorId)),
    );
  }
  if (f.tagId !== undefined) {
    const tagId = f.tagId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('article_tags').select('article_tags.article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)),
    );
  }
  const sortKey = (eb: ExpressionBuilder<Database, 'articles' | 'sections'>) => eb.fn.coalesce('articles.publish_at', 'articles.created_at');
  if (f.before) {
    const { key, id } = f.before;
    q = q.where((eb) => eb.or([eb(sortKey(eb), '<', key), eb.and([eb(sortKey(eb), '=', key), eb('articles.id', '<', id)])]));
  }
  const rows = await q
    .orderBy((eb) => sortKey(eb), 'desc')
    .orderBy('articles.id', 'desc')
    .limit(f.limit)
    .execute();
  return hydrateArticles(db, rows);
}

/** When the next scheduled article goes live, if any (pages cached before then must expire then). */
export async function findNextScheduledAt(db: Kysely<Database>, now: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.min('publish_at').as('next'))
    .where('status', '=', 'published')
    .where('publish_at', '>', now)
    .executeTakeFirst();
  return (r?.next) ?? undefined;
}

export async function slugExists(db: Kysely<Database>, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) return true;
  let o = db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug);
  if (exceptId !== undefined) o = o.where('article_id', '!=', exceptId);
  return (await o.executeTakeFirst()) !== undefined;
}

export type ArticleValues = {
  slow_mode_minutes?: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  section_id: number | null;
  dateline: string;
  status: 'draft' | 'published';
  publish_at: string | null;
  comments_open: number;
  image_id: number | null;
  correction: string | null;
  lang: string;
};

export async function insertArticle(db: Kysely<Database>, v: ArticleValues, now: string): Promise<number> {
  const r = await db
    .insertInto('articles')
    .values({ ...v, created_at: now, updated_at: now, version: 1, moderation: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateArticleRow(
  db: Kysely<Database>,
  id: number,
  v: Partial<ArticleValues> & { moderation?: string | null; slow_mode_minutes?: number },
  now: string,
): Promise<void> {
  await db
    .updateTable('articles')
    .set((eb) => ({ ...v, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Sets or clears the protection an automatic rule put on the article; cached pages are stale. */
export async function updateProtection(
  db: Kysely<Database>,
  id: number,
  p: { protect_mode: string | null; protect_slow_minutes: number | null; protect_until: string | null },
): Promise<void> {
  await db.updateTable('articles').set((eb) => ({ ...p, version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

/** Bumps the version (the discussion changed): cached pages of this article are stale. Run for every group of new comments: compiled once. */
export async function bumpArticleVersion(db: Kysely<Database>, id: number): Promise<void> {
  await runShaped(db, 'articles.bump-version', [1, id], () => db.updateTable('articles').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id));
}

export async function deleteArticleRow(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The article's tags, those missing created (ensureTags), in the order given. */
export async function replaceArticleTags(db: Kysely<Database>, articleId: number, tags: { slug: string; name: string }[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const { ids } = await ensureTags(db, tags);
  await linkArticleTags(db, articleId, tags.flatMap((t) => ids.get(t.slug) ?? []));
}

export async function replaceArticleAuthors(db: Kysely<Database>, articleId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await insertArticleAuthors(db, articleId, userIds);
}

/**
 * The tags and byline of an article just inserted (nothing to replace): two statements
 * whatever their numbers, tags in the order given, authors' positions in theirs.
 */
export async function addNewArticleTerms(db: Kysely<Database>, articleId: number, tagIds: readonly number[], userIds: readonly number[]): Promise<void> {
  await linkArticleTags(db, articleId, tagIds);
  await insertArticleAuthors(db, articleId, userIds);
}

/** Links these tags to the article in one statement (a tag linked twice, once). */
async function linkArticleTags(db: Kysely<Database>, articleId: number, tagIds: readonly number[]): Promise<void> {
  if (tagIds.length === 0) return;
  const rows = tagIds.map((tag_id) => ({ article_id: articleId, tag_id }));
  await runShaped(db, `article_tags.add.${rows.length}`, rows.flatMap((r) => [r.article_id, r.tag_id]), () =>
    db
      .insertInto('article_tags')
      .values(rows)
      .onConflict((oc) => oc.doNothing()),
  );
}

/** The byline in one statement, each author at its position. */
async function insertArticleAuthors(db: Kysely<Database>, articleId: number, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  const rows = userIds.map((user_id, position) => ({ article_id: articleId, user_id, position }));
  await runShaped(db, `article_authors.add.${rows.length}`, rows.flatMap((r) => [r.article_id, r.user_id, r.position]), () => db.insertInto('article_authors').values(rows));
}

export async function insertOldSlug(db: Kysely<Database>, slug: string, articleId: number): Promise<void> {
  await db
    .insertInto('article_slugs')
    .values({ slug, article_id: articleId })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ article_id: articleId }))
    .execute();
}

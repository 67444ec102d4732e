import type { Deps } from '../../deps';
import { ConflictError, NotFoundError, ValidationError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { usersByIds } from '../accounts/user.service';
import {
  effectiveStatus,
  isVisible,
  type Article,
  type ArticleCreate,
  type ArticlePatch,
  type ArticleStatus,
  type Protection,
} from './article';
import { assertArticle, canArticle, seesOwnWorkOnly } from './article.policy';
import { deleteArticleRow, findArticleById, insertArticle, insertOldSlug, listArticles, replaceArticleAuthors, replaceArticleTags, slugExists, updateArticleRow, updateProtection, bumpArticleVersion, type ArticleValues } from './article.repository';
import { insertRevision } from './revision.repository';
import { getMedia } from '../media/media.service';
import { findSectionBySlug } from './section.repository';
import { searchArticlesPage } from '../search/search.api';
import { articleSlug, slugify } from './slug';

/** A unique slug from the wanted one: `slug`, then `slug-2`, `slug-3`… */
async function uniqueSlug(deps: Deps, wanted: string, exceptId?: number): Promise<string> {
  let candidate = wanted;
  for (let n = 2; await slugExists(deps.db, candidate, exceptId); n++) candidate = `${Array.from(wanted).slice(0, 75).join('')}-${n}`;
  return candidate;
}

async function sectionId(deps: Deps, slug: string | null | undefined): Promise<number | null> {
  if (!slug) return null;
  const s = await findSectionBySlug(deps.db, slug);
  if (!s) throw new ValidationError('section', `no section with slug "${slug}"`);
  return s.id;
}

function tagValues(tags: string[]): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of tags) seen.set(slugify(t), t);
  return [...seen].map(([slug, name]) => ({ slug, name }));
}

/** A featured image must exist in the media library (a dangling id would silently show nothing). */
async function checkImage(deps: Deps, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await getMedia(deps, id))) throw new ValidationError('image', `no media with id ${id}`);
}

async function checkAuthors(deps: Deps, ids: number[]): Promise<void> {
  const found = await usersByIds(deps, ids);
  const missing = ids.find((id) => !found.some((u) => u.id === id));
  if (missing !== undefined) throw new ValidationError('authors', `no account with id ${missing}`);
}

/** Stored status and publication time from the wanted status. */
function publication(status: ArticleStatus, publishAt: string | null | undefined, now: Date, current?: string | null) {
  if (status === 'draft') return { status: 'draft' as const, publish_at: publishAt ?? current ?? null };
  if (status === 'scheduled') {
    if (!publishAt && !current) throw new ValidationError('publishAt', 'a scheduled article needs publishAt');
    return { status: 'published' as const, publish_at: new Date(publishAt ?? current ?? now).toISOString() };
  }
  return { status: 'published' as const, publish_at: publishAt ? new Date(publishAt).toISOString() : (current ?? now.toISOString()) };
}

async function afterChange(deps: Deps, articleId: number): Promise<void> {
  await deps.hooks.emit('article.saved', { articleId });
  await deps.cache.invalidate([`article:${articleId}`, 'lists']);
}

/** Creates an article (any role that may write; publishing needs the right to publish). */
export async function createArticle(deps: Deps, user: AuthUser | null, input: ArticleCreate): Promise<Article> {
  assertArticle(user, 'article:create');
  if (input.status !== 'draft') assertArticle(user, 'article:publish');
  const now = deps.clock.now();
  const iso = now.toISOString();
  const authors = input.authors ?? [user.id];
  const id = await conflictOnDuplicateSlug(deps, () => deps.dialect.writeTransaction(deps.db, async (db) => {
    const scoped = { ...deps, db };
    await checkAuthors(scoped, authors);
    await checkImage(scoped, input.image);
    const values: ArticleValues = {
      slug: await uniqueSlug(scoped, input.slug ?? articleSlug(input.title)),
      title: input.title,
      summary: input.summary,
      body: input.body,
      section_id: await sectionId(scoped, input.section),
      dateline: input.dateline,
      ...publication(input.status, input.publishAt, now),
      comments_open: input.commentsOpen ? 1 : 0,
      slow_mode_minutes: input.slowModeMinutes ?? 0,
      image_id: input.image ?? null,
      correction: input.correction ?? null,
      lang: input.lang ?? deps.config.locale,
    };
    const articleId = await insertArticle(db, values, iso);
    await replaceArticleTags(db, articleId, tagValues(input.tags));
    await replaceArticleAuthors(db, articleId, authors);
    await insertRevision(db, { article_id: articleId, author_id: user.id, title: values.title, summary: values.summary, body: values.body, created_at: iso });
    return articleId;
  }));
  await afterChange(deps, id);
  return getArticle(deps, user, id);
}

/**
 * uniqueSlug checks before it writes; on PostgreSQL two writers can pass the check
 * with one slug at once, and the unique index refuses the second: that is a 409.
 */
async function conflictOnDuplicateSlug<T>(deps: Deps, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (deps.dialect.classifyError(err) === 'unique') throw new ConflictError('another article took this slug at the same time; try again', 'slug');
    throw err;
  }
}

/** An article by id; unpublished ones only for those who may see them (others get 404). */
export async function getArticle(deps: Deps, user: AuthUser | null, id: number): Promise<Article> {
  const a = await findArticleById(deps.db, id);
  if (!a) throw new NotFoundError('article');
  if (!isVisible(a, deps.clock.now()) && !canArticle(user, 'article:read-unpublished', subject(a))) throw new NotFoundError('article');
  return a;
}

function subject(a: Article) {
  return { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus };
}

/** Applies a partial change; keeps a revision when the text changed and the old slug as a redirect. */
export async function updateArticle(deps: Deps, user: AuthUser | null, id: number, patch: ArticlePatch): Promise<Article> {
  const current = await findArticleById(deps.db, id);
  if (!current) throw new NotFoundError('article');
  assertArticle(user, 'article:update', subject(current));
  const wantsPublication = patch.status !== undefined && patch.status !== 'draft';
  if (wantsPublication || (current.storedStatus === 'published' && patch.publishAt !== undefined)) assertArticle(user, 'article:publish', subject(current));
  const now = deps.clock.now();
  const iso = now.toISOString();
  await conflictOnDuplicateSlug(deps, () => deps.dialect.writeTransaction(deps.db, async (db) => {
    const scoped = { ...deps, db };
    const v: Partial<ArticleValues> & { moderation?: string | null; slow_mode_minutes?: number } = {};
    if (patch.title !== undefined) v.title = patch.title;
    if (patch.summary !== undefined) v.summary = patch.summary;
    if (patch.body !== undefined) v.body = patch.body;
    if (patch.dateline !== undefined) v.dateline = patch.dateline;
    if (patch.commentsOpen !== undefined) v.comments_open = patch.commentsOpen ? 1 : 0;
    if (patch.image !== undefined) {
      await checkImage(scoped, patch.image);
      v.image_id = patch.image;
    }
    if (patch.correction !== undefined) v.correction = patch.correction;
    if (patch.lang !== undefined) v.lang = patch.lang;
    if (patch.moderation !== undefined) v.moderation = patch.moderation;
    if (patch.slowModeMinutes !== undefined) v.slow_mode_minutes = patch.slowModeMinutes;
    if (patch.section !== undefined) v.section_id = await sectionId(scoped, patch.section);
    if (patch.status !== undefined || patch.publishAt !== undefined) {
      const status = patch.status ?? effectiveStatus(current, now);
      Object.assign(v, publication(status, patch.publishAt === null ? undefined : patch.publishAt, now, patch.publishAt === null ? null : current.publishAt));
    }
    if (patch.slug !== undefined && patch.slug !== current.slug) {
      v.slug = await uniqueSlug(scoped, patch.slug, id);
      await insertOldSlug(db, current.slug, id);
    }
    await updateArticleRow(db, id, v, iso);
    if (patch.tags !== undefined) await replaceArticleTags(db, id, tagValues(patch.tags));
    if (patch.authors !== undefined) {
      await checkAuthors(scoped, patch.authors);
      await replaceArticleAuthors(db, id, patch.authors);
    }
    const textChanged =
      (patch.title !== undefined && patch.title !== current.title) ||
      (patch.summary !== undefined && patch.summary !== current.summary) ||
      (patch.body !== undefined && patch.body !== current.body);
    if (textChanged) {
      await insertRevision(db, {
        article_id: id,
        author_id: user.id,
        title: patch.title ?? current.title,
        summary: patch.summary ?? current.summary,
        body: patch.body ?? current.body,
        created_at: iso,
      });
    }
  }));
  await afterChange(deps, id);
  return getArticle(deps, user, id);
}

export async function deleteArticle(deps: Deps, user: AuthUser | null, id: number): Promise<void> {
  const current = await findArticleById(deps.db, id);
  if (!current) throw new NotFoundError('article');
  assertArticle(user, 'article:delete', subject(current));
  await deleteArticleRow(deps.db, id);
  await deps.hooks.emit('article.deleted', { articleId: id });
  await deps.cache.invalidate([`article:${id}`, 'lists']);
}

export interface ArticleListOptions {
  status?: ArticleStatus | undefined;
  section?: string | undefined;
  /** Full-text query: published articles only, best first (the search module). */
  q?: string | undefined;
  after?: string | undefined;
  limit: number;
}

/** Newest first, keyset-paginated; unpublished articles only for staff who may see them. */
export async function listArticlesPage(deps: Deps, user: AuthUser | null, o: ArticleListOptions): Promise<{ articles: Article[]; next: string | null }> {
  if (o.q?.trim()) return searchArticlesPage(deps, { ...o, q: o.q });
  const now = deps.clock.now().toISOString();
  const staff = canArticle(user, 'article:read-unpublished');
  if (o.status && o.status !== 'published' && !staff) assertArticle(user, 'article:read-unpublished');
  let sectionIdValue: number | undefined;
  if (o.section) {
    const s = await findSectionBySlug(deps.db, o.section);
    if (!s) return { articles: [], next: null };
    sectionIdValue = s.id;
  }
  const before = o.after ? decodeCursor(o.after) : undefined;
  const rows = await listArticles(deps.db, {
    now,
    limit: o.limit + 1,
    ...(o.status ? { status: o.status } : staff ? {} : { visibleAt: now }),
    ...(sectionIdValue !== undefined ? { sectionId: sectionIdValue } : {}),
    ...(before ? { before } : {}),
  });
  let articles = rows.slice(0, o.limit);
  // Authors see only their own unpublished work in lists.
  if (seesOwnWorkOnly(user)) articles = articles.filter((a) => isVisible(a, deps.clock.now()) || a.authors.some((x) => x.id === user.id));
  const last = rows.length > o.limit ? rows[o.limit - 1] : undefined;
  return { articles, next: last ? encodeCursor({ key: last.publishAt ?? last.createdAt, id: last.id }) : null };
}

export function encodeCursor(c: { key: string; id: number }): string {
  return Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');
}

export function decodeCursor(s: string): { key: string; id: number } {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') return { key: v[0], id: v[1] };
  } catch {
    /* fall through to the error below */
  }
  throw new ValidationError('after', 'invalid cursor');
}

/** The article's discussion changed outside the comments' own writes (a pick): its cached pages are stale. */
export async function discussionChanged(deps: Deps, id: number): Promise<void> {
  await bumpArticleVersion(deps.db, id);
  await deps.cache.invalidate([`article:${id}`]);
}

/**
 * Puts an automatic rule's protection on an article (or lifts it with null): the
 * moderation module decides, the articles module writes its own row.
 */
export async function setArticleProtection(deps: Deps, id: number, p: Protection | null): Promise<void> {
  await updateProtection(deps.db, id, p ? { protect_mode: p.mode, protect_slow_minutes: p.slowModeMinutes, protect_until: p.until } : { protect_mode: null, protect_slow_minutes: null, protect_until: null });
  await afterChange(deps, id);
}

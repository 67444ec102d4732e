import { z } from 'zod';
import type { Deps } from '../../deps';
import { ConflictError, NotFoundError, ValidationError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { assertArticle } from './article.policy';
import { findTagBySlug } from './section.repository';
import { SLUG_RE } from './slug';
import { bumpArticleVersions, findTagById, findTagIdByOldSlug, listTagArticleIds, mergeTags, updateTag, type Tag } from './tag.repository';

const tagSlug = z.string().regex(SLUG_RE, 'lower-case letters, digits and hyphens only').max(80);
/** A tag's new name, and its new slug if it changes. */
export const tagRenameSchema = z.object({ name: z.string().trim().min(1).max(120), slug: tagSlug.optional() }).strict();
/** The tag another is merged into, by slug. */
export const tagMergeSchema = z.object({ into: tagSlug }).strict();

async function requireTag(deps: Deps, slug: string): Promise<Tag> {
  const tag = await findTagBySlug(deps.db, slug);
  if (!tag) throw new NotFoundError('tag');
  return tag;
}

/** After a tag change: the articles are re-indexed (their tags are searchable) and cached pages dropped. */
async function afterTagChange(deps: Deps, articleIds: number[]): Promise<void> {
  await bumpArticleVersions(deps.db, articleIds);
  for (const articleId of articleIds) await deps.hooks.emit('article.saved', { articleId });
  await deps.cache.invalidate(['*']);
}

/**
 * Renames a tag (its name, and its slug when given). The former slug keeps
 * answering: /tag/OLD redirects (301) to /tag/NEW.
 */
export async function renameTag(deps: Deps, user: AuthUser | null, slug: string, input: { name: string; slug?: string | undefined }): Promise<Tag> {
  assertArticle(user, 'tag:update');
  const tag = await requireTag(deps, slug);
  const next = { name: input.name, slug: input.slug || tag.slug };
  if (next.slug !== tag.slug && (await findTagBySlug(deps.db, next.slug)))
    throw new ConflictError(`a tag already uses "${next.slug}"; merge the two tags instead`, 'slug');
  await deps.dialect.writeTransaction(deps.db, (db) => updateTag(db, tag, next));
  await afterTagChange(deps, await listTagArticleIds(deps.db, tag.id));
  return { id: tag.id, ...next };
}

/**
 * Merges a tag into another: its articles get the other tag (never twice), it
 * disappears, and its page redirects (301) to the other's.
 */
export async function mergeTag(deps: Deps, user: AuthUser | null, slug: string, intoSlug: string): Promise<Tag & { articles: number }> {
  assertArticle(user, 'tag:merge');
  const from = await requireTag(deps, slug);
  const into = await findTagBySlug(deps.db, intoSlug);
  if (!into) throw new ValidationError('into', `no tag "${intoSlug}"`);
  if (into.id === from.id) throw new ValidationError('into', 'a tag cannot be merged into itself');
  const articleIds = await listTagArticleIds(deps.db, from.id);
  await deps.dialect.writeTransaction(deps.db, (db) => mergeTags(db, from, into));
  await afterTagChange(deps, articleIds);
  return { ...into, articles: articleIds.length };
}

const TAG_PATH = /^\/tag\/([a-z0-9-]+)((?:\/[^?]*)?(?:\?.*)?)$/;

/** Where /tag/OLD (and its feeds) lives now that the tag was renamed or merged, or undefined. */
export async function resolveTagUrl(deps: Deps, url: string): Promise<string | undefined> {
  const m = TAG_PATH.exec(url);
  if (!m?.[1]) return undefined;
  const id = await findTagIdByOldSlug(deps.db, m[1]);
  const tag = id === undefined ? undefined : await findTagById(deps.db, id);
  if (!tag || tag.slug === m[1]) return undefined;
  return `/tag/${tag.slug}${m[2] ?? ''}`;
}

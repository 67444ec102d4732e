import type { Deps } from '../../deps';
import { ConflictError, NotFoundError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { assertArticle } from './article.policy';
import { findSectionBySlug, insertSection, renameSection, type Section } from './section.repository';
import { slugify } from './slug';

/** Path segments a section may not take, since the site's own pages live there. */
export const RESERVED_SLUGS = new Set([
  'a', 'admin', 'api', 'assets', 'author', 'auteur', 'tag', 'search', 'recherche', 'login', 'logout', 'media', 'password',
  'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'news-sitemap.xml', 'robots.txt', 'embed.js', 'embed', 'me', 'account', 'articles',
]);

/** Creates a section; its slug comes from the name unless given, and must be free. */
export async function createSection(deps: Deps, user: AuthUser | null, input: { name: string; slug?: string | undefined }): Promise<Section> {
  assertArticle(user, 'section:create');
  const slug = input.slug || slugify(input.name);
  if (RESERVED_SLUGS.has(slug)) throw new ConflictError(`"${slug}" is reserved by the site`, 'slug');
  if (await findSectionBySlug(deps.db, slug)) throw new ConflictError(`a section already uses "${slug}"`, 'slug');
  const id = await insertSection(deps.db, { slug, name: input.name, created_at: deps.clock.now().toISOString() });
  await deps.cache.invalidate(['lists']);
  return { id, slug, name: input.name };
}

/**
 * Renames a section. Its slug stays: every article URL and feed address under it keeps working.
 */
export async function updateSectionName(deps: Deps, user: AuthUser | null, slug: string, name: string): Promise<Section> {
  assertArticle(user, 'section:update');
  const s = await findSectionBySlug(deps.db, slug);
  if (!s) throw new NotFoundError('section');
  await renameSection(deps.db, s.id, name);
  await deps.cache.invalidate(['*']);
  return { ...s, name };
}

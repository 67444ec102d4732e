import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import { translator } from '../../web/i18n/i18n';
import { getSectionBySlug, getTagBySlug } from '../articles/article.read-model';
import { findPublishedAuthor } from './listing.repository';

/** The public page of an author's articles. */
export function authorPath(userId: number): string {
  return `/author/${userId}`;
}

/** The public page of a tag's articles. */
export function tagPath(slug: string): string {
  return `/tag/${slug}`;
}

/** A list of published articles readers can follow: the whole site, a section, a tag or an author. */
export interface Listing {
  /** Its page ('/' for the site), the base of its feeds' paths. */
  path: string;
  /** Its name for readers (the site's name, a section's, a tag's or an author's). */
  name: string;
  /** The page heading. */
  heading: string;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
}

/** The site as a listing. */
export function siteListing(deps: Deps): Listing {
  const t = translator(deps.config.locale);
  return { path: '/', name: t('site.name'), heading: t('home.latest') };
}

/** A section, tag or author by its key in the URL, or a 404 naming what is missing. */
export async function findListing(deps: Deps, kind: 'section' | 'tag' | 'author', key: string): Promise<Listing> {
  const t = translator(deps.config.locale);
  if (kind === 'section') {
    const s = await getSectionBySlug(deps, key);
    if (!s) throw new NotFoundError('section');
    return { path: `/${s.slug}`, name: s.name, heading: s.name, sectionId: s.id };
  }
  if (kind === 'tag') {
    const tag = await getTagBySlug(deps, key);
    if (!tag) throw new NotFoundError('tag');
    return { path: tagPath(tag.slug), name: tag.name, heading: t('tag.title', { name: tag.name }), tagId: tag.id };
  }
  const id = /^[1-9][0-9]{0,9}$/.test(key) ? Number(key) : undefined;
  // Only people with a published article have a public page: reader accounts stay private.
  const author = id !== undefined ? await findPublishedAuthor(deps.db, id, deps.clock.now().toISOString()) : undefined;
  if (!author) throw new NotFoundError('author');
  return { path: authorPath(author.id), name: author.name, heading: t('author.title', { name: author.name }), authorId: author.id };
}

/** The ListFilter fields of a listing. */
export function listingFilter(l: Listing): { sectionId?: number; tagId?: number; authorId?: number } {
  return {
    ...(l.sectionId !== undefined ? { sectionId: l.sectionId } : {}),
    ...(l.tagId !== undefined ? { tagId: l.tagId } : {}),
    ...(l.authorId !== undefined ? { authorId: l.authorId } : {}),
  };
}

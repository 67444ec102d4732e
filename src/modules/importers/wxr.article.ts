import { z } from 'zod';
import { slugify } from '../articles/slug';
import type { ImportedArticle } from './import.writer';
import { importedSlug, importedTermSlug, plainText } from './html-to-markdown';
import { legacyKey } from './legacy-url';
import { PALABRE_META } from './palabre-meta';
import { wpDate, type WxrItem } from './wxr.records';

/** A category of the file's list: its name and its parent's slug ('' at the top). */
export interface WxrCategory {
  name: string;
  parent: string;
}

/** Why a post that readers could reach (or guess) at the source comes in as a draft. */
export type DraftReason = 'password-protected' | 'private';

/** A post's status here: password-protected and private posts are never public. */
export function importedStatus(item: WxrItem): { status: 'draft' | 'published'; drafted?: DraftReason } {
  if (item.status === 'private') return { status: 'draft', drafted: 'private' };
  const live = item.status === 'publish' || item.status === 'future';
  if (item.password.trim() !== '') return live ? { status: 'draft', drafted: 'password-protected' } : { status: 'draft' };
  return { status: live ? 'published' : 'draft' };
}

/** A section's or tag's slug: its nicename's, else its name's, in Latin letters. */
function termSlug(nicename: string, name: string): string {
  return importedTermSlug(nicename) || importedTermSlug(plainText(name)) || slugify(name);
}

/**
 * Sections are flat: a post filed under a child category goes to the top-level
 * ancestor's section and keeps the child (and any category between) as tags.
 */
export function sectionAndTags(item: WxrItem, categories: ReadonlyMap<string, WxrCategory>): Pick<ImportedArticle, 'section' | 'tags'> {
  const cats = item.terms.filter((t) => t.domain === 'category');
  const first = cats[0];
  const tags = item.terms.filter((t) => (t.domain === 'post_tag' || t.domain === 'category') && t !== first).map((t) => ({ slug: termSlug(t.nicename, t.name), name: plainText(t.name) }));
  if (!first) return { section: null, tags };
  const chain: string[] = [first.nicename];
  for (let parent = categories.get(first.nicename)?.parent; parent && !chain.includes(parent) && chain.length < 20; parent = categories.get(parent)?.parent) chain.push(parent);
  const root = chain[chain.length - 1] ?? first.nicename;
  const nameOf = (nicename: string) => (nicename === first.nicename ? plainText(first.name) : '') || categories.get(nicename)?.name || nicename;
  for (const nicename of chain.slice(0, -1)) tags.push({ slug: termSlug(nicename, nameOf(nicename)), name: nameOf(nicename) });
  return { section: { nicename: termSlug(root, nameOf(root)), name: nameOf(root) }, tags };
}

const bylinesSchema = z.array(z.object({ login: z.string().max(200), email: z.string().max(320).default(''), name: z.string().max(200).default('') })).max(50);
export type Byline = z.infer<typeof bylinesSchema>[number];

/** The bylines a Palabre export left in post meta (none when absent or unreadable). */
export function metaBylines(item: WxrItem): Byline[] {
  const raw = item.meta[PALABRE_META.bylines];
  if (!raw) return [];
  try {
    const r = bylinesSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

function langOf(language: string | undefined, fallback: 'fr' | 'en'): 'fr' | 'en' {
  const l = (language ?? '').slice(0, 2).toLowerCase();
  return l === 'fr' || l === 'en' ? l : fallback;
}

/** Everything of an article but its authors, from an item. */
export function articleFromItem(
  item: WxrItem,
  ctx: { source: string; categories: ReadonlyMap<string, WxrCategory>; siteLanguage: string | undefined; locale: 'fr' | 'en'; now: string },
): Omit<ImportedArticle, 'authorIds'> & { drafted?: DraftReason } {
  const date = wpDate(item.dateGmt, item.pubDate, item.date);
  const { status, drafted } = importedStatus(item);
  const legacy = [legacyKey(item.link), legacyKey(`/?${item.type === 'page' ? 'page_id' : 'p'}=${item.id}`), legacyKey(item.guid)];
  const title = plainText(item.title);
  return {
    source: ctx.source,
    externalId: item.id,
    title,
    slugWanted: importedSlug(item.name) || importedSlug(title),
    content: item.content,
    excerpt: item.excerpt,
    ...sectionAndTags(item, ctx.categories),
    status,
    publishAt: status === 'published' ? (date ?? ctx.now) : null,
    createdAt: date ?? ctx.now,
    commentsOpen: item.commentStatus !== 'closed',
    // The article's own language (a Palabre export) wins over the site's.
    lang: langOf(item.meta[PALABRE_META.lang] || ctx.siteLanguage, ctx.locale),
    dateline: plainText(item.meta[PALABRE_META.dateline] ?? ''),
    correction: item.meta[PALABRE_META.correction]?.trim() || null,
    legacyPaths: legacy.filter((p): p is string => p !== undefined),
    thumbnailId: item.thumbnailId,
    ...(drafted ? { drafted } : {}),
  };
}

import type { Deps } from '../../deps';
import { decodeHTML } from 'entities';
import { htmlToText } from '../../web/markdown';
import { insertImportedArticle, prependImportedImage, type ImportedTermIds } from '../articles/article.import';
import { getArticleById } from '../articles/article.read-model';
import { importedHtmlToMarkdown, markdownUrl } from './html-to-markdown';
import { insertLegacyUrls, insertMapping, listImportedImages } from './import.repository';

/** An article read from another system, ready to be written. */
export interface ImportedArticle {
  source: string;
  externalId: string;
  title: string;
  /** The slug it had (already a slug, possibly in another script than Latin); '' to derive one from the title. */
  slugWanted: string;
  /** HTML as the other system stored it. */
  content: string;
  /** `content` as Markdown when it was already converted (importedHtmlToMarkdown, on the render worker); converted here when absent. */
  body?: string;
  excerpt: string;
  section: { nicename: string; name: string } | null;
  tags: { slug: string; name: string }[];
  authorIds: number[];
  status: 'draft' | 'published';
  publishAt: string | null;
  createdAt: string;
  commentsOpen: boolean;
  lang: string;
  dateline: string;
  correction: string | null;
  /** Keys (see legacyKey) of the URLs it had, to answer 301. */
  legacyPaths: string[];
  /** WordPress attachment id of the featured image, resolved once the file is read. */
  thumbnailId: string | null;
}

/**
 * Writes an imported article in one transaction: the row with its original dates,
 * section (created when new), tags, byline, a first revision, its old URLs and the
 * id mapping that makes a second import of the same file skip it. `onSaved`, when given,
 * is told the id instead of `article.saved` being emitted here. `terms`: the section and tag
 * ids of the caller's open transaction (articles' ImportedTermIds), when it writes many.
 */
export async function createImportedArticle(
  deps: Deps,
  a: ImportedArticle,
  onSaved?: (id: number) => void,
  terms?: ImportedTermIds,
): Promise<{ id: number; sectionCreated: boolean; tagsCreated: number; redirects: number }> {
  const result = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const body = a.body ?? importedHtmlToMarkdown(a.content);
    // sanitize-html escapes the text it keeps (`&` → `&amp;`): decoded once, since the summary is plain text.
    const summary = decodeHTML(htmlToText(a.excerpt)).slice(0, 2000);
    const { id, sectionCreated, tagsCreated } = await insertImportedArticle(
      { db },
      {
        slugWanted: a.slugWanted,
        title: a.title,
        summary,
        body,
        section: a.section ? { slug: a.section.nicename, name: a.section.name } : null,
        tags: a.tags,
        authorIds: a.authorIds,
        status: a.status,
        publishAt: a.publishAt,
        createdAt: a.createdAt,
        commentsOpen: a.commentsOpen,
        lang: a.lang,
        dateline: a.dateline,
        correction: a.correction,
      },
      terms,
    );
    const redirects = await insertLegacyUrls(db, [...new Set(a.legacyPaths)], id);
    const now = deps.clock.now().toISOString();
    await insertMapping(db, { source: a.source, kind: 'post', external_id: a.externalId, local_id: id, created_at: now });
    if (a.thumbnailId) await insertMapping(db, { source: a.source, kind: 'thumbnail', external_id: a.externalId, local_id: id, data: a.thumbnailId, created_at: now });
    return { id, sectionCreated, tagsCreated, redirects };
  });
  // Inside a longer transaction (a WXR batch) the caller announces it once that is committed.
  if (onSaved) onSaved(result.id);
  else await deps.hooks.emit('article.saved', { articleId: result.id });
  return result;
}

/**
 * Featured images of imported posts, shown: the media library holds only uploaded files
 * (an import reads no network and copies no files), so an image still at its old
 * address opens the article's body, where the renderer shows it. Skipped when the
 * article has a featured image of its own or already shows that address.
 */
export async function showImportedImages(deps: Deps, source: string): Promise<number> {
  let shown = 0;
  for (const img of await listImportedImages(deps.db, source)) {
    const article = await getArticleById(deps, img.article_id);
    if (!article || article.image !== null || article.body.includes(img.url) || article.body.includes(markdownUrl(img.url))) continue;
    const alt = article.title.replace(/[[\]]/g, '');
    await prependImportedImage(deps, article.id, `![${alt}](${markdownUrl(img.url)})`, deps.clock.now().toISOString());
    await deps.hooks.emit('article.saved', { articleId: article.id });
    shown += 1;
  }
  return shown;
}

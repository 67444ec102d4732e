import type { Deps } from '../../deps';
import { decodeHTML } from 'entities';
import { htmlToText } from '../../web/markdown';
import { findArticleById, insertArticle, insertRevision, replaceArticleAuthors, replaceArticleTags, slugExists, updateArticleRow } from '../articles/article.repository';
import { findSectionBySlug, findTagBySlug, insertSection } from '../articles/section.repository';
import { slugify } from '../articles/slug';
import { importedHtmlToMarkdown, markdownUrl } from './html-to-markdown';
import { insertLegacyUrl, insertMapping, listImportedImages } from './import.repository';

/** An article read from another system, ready to be written. */
export interface ImportedArticle {
  source: string;
  externalId: string;
  title: string;
  /** The slug it had (already a slug, possibly in another script than Latin); '' to derive one from the title. */
  slugWanted: string;
  /** HTML as the other system stored it. */
  content: string;
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

async function uniqueSlug(deps: Deps, wanted: string): Promise<string> {
  let candidate = wanted;
  for (let n = 2; await slugExists(deps.db, candidate); n++) candidate = `${wanted.slice(0, 75)}-${n}`;
  return candidate;
}

/**
 * Writes an imported article in one transaction: the row with its original dates,
 * section (created when new), tags, byline, a first revision, its old URLs and the
 * id mapping that makes a second import of the same file skip it.
 */
export async function createImportedArticle(deps: Deps, a: ImportedArticle): Promise<{ id: number; sectionCreated: boolean; tagsCreated: number; redirects: number }> {
  const result = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const scoped = { ...deps, db };
    let sectionId: number | null = null;
    let sectionCreated = false;
    if (a.section) {
      const existing = await findSectionBySlug(db, a.section.nicename);
      sectionCreated = !existing;
      sectionId = existing ? existing.id : await insertSection(db, { slug: a.section.nicename, name: a.section.name || a.section.nicename, created_at: a.createdAt });
    }
    let tagsCreated = 0;
    for (const t of a.tags) if (!(await findTagBySlug(db, t.slug))) tagsCreated += 1;
    const body = importedHtmlToMarkdown(a.content);
    // sanitize-html escapes the text it keeps (`&` → `&amp;`): decoded once, since the summary is plain text.
    const summary = decodeHTML(htmlToText(a.excerpt)).slice(0, 2000);
    const title = (a.title || '—').slice(0, 300);
    const id = await insertArticle(
      db,
      {
        slug: await uniqueSlug(scoped, a.slugWanted || slugify(title)),
        title,
        summary,
        body,
        section_id: sectionId,
        dateline: a.dateline.slice(0, 200),
        status: a.status,
        publish_at: a.publishAt,
        comments_open: a.commentsOpen ? 1 : 0,
        image_id: null,
        correction: a.correction,
        lang: a.lang,
      },
      a.createdAt,
    );
    await replaceArticleTags(db, id, dedupe(a.tags));
    await replaceArticleAuthors(db, id, a.authorIds);
    await insertRevision(db, { article_id: id, author_id: a.authorIds[0] ?? null, title, summary, body, created_at: a.createdAt });
    let redirects = 0;
    for (const path of new Set(a.legacyPaths)) if (await insertLegacyUrl(db, path, id)) redirects += 1;
    const now = deps.clock.now().toISOString();
    await insertMapping(db, { source: a.source, kind: 'post', external_id: a.externalId, local_id: id, created_at: now });
    if (a.thumbnailId) await insertMapping(db, { source: a.source, kind: 'thumbnail', external_id: a.externalId, local_id: id, data: a.thumbnailId, created_at: now });
    return { id, sectionCreated, tagsCreated, redirects };
  });
  await deps.hooks.emit('article.saved', { articleId: result.id });
  return result;
}

function dedupe(tags: { slug: string; name: string }[]): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of tags) if (!seen.has(t.slug)) seen.set(t.slug, t.name || t.slug);
  return [...seen].map(([slug, name]) => ({ slug, name }));
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
    const article = await findArticleById(deps.db, img.article_id);
    if (!article || article.image !== null || article.body.includes(img.url) || article.body.includes(markdownUrl(img.url))) continue;
    const alt = article.title.replace(/[[\]]/g, '');
    await updateArticleRow(deps.db, article.id, { body: `![${alt}](${markdownUrl(img.url)})\n\n${article.body}` }, deps.clock.now().toISOString());
    await deps.hooks.emit('article.saved', { articleId: article.id });
    shown += 1;
  }
  return shown;
}

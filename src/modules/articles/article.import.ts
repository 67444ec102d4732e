import type { Deps } from '../../deps';
import { insertArticle, replaceArticleAuthors, replaceArticleTags, slugExists, updateArticleRow } from './article.repository';
import { insertRevision } from './revision.repository';
import { findSectionBySlug, findTagBySlug, insertSection } from './section.repository';
import { getArticleById } from './article.read-model';
import { articleSlug } from './slug';

/** An article coming from another system (WordPress, a restore), already converted to Markdown. */
export interface ImportedArticleInput {
  slugWanted: string;
  title: string;
  summary: string;
  body: string;
  section: { slug: string; name: string } | null;
  tags: { slug: string; name: string }[];
  authorIds: number[];
  status: 'draft' | 'published';
  publishAt: string | null;
  createdAt: string;
  commentsOpen: boolean;
  lang: string;
  /** Kept from a Palabre export carried through WordPress (post meta); '' and null when absent. */
  dateline?: string;
  correction?: string | null;
}

async function uniqueSlug(deps: Pick<Deps, 'db'>, wanted: string): Promise<string> {
  let candidate = wanted;
  for (let n = 2; await slugExists(deps.db, candidate); n++) candidate = `${Array.from(wanted).slice(0, 75).join('')}-${n}`;
  return candidate;
}

/**
 * The articles module's part of an import (importers call it inside their own transaction,
 * passing it as `deps.db`): the row with its original dates, its section (created when new),
 * tags, byline and a first revision. No policy: the operator runs imports. The caller emits
 * `article.saved` once its transaction is committed.
 */
export async function insertImportedArticle(deps: Pick<Deps, 'db'>, a: ImportedArticleInput): Promise<{ id: number; slug: string; sectionCreated: boolean; tagsCreated: number }> {
  const db = deps.db;
  let sectionId: number | null = null;
  let sectionCreated = false;
  if (a.section) {
    const existing = await findSectionBySlug(db, a.section.slug);
    sectionCreated = !existing;
    sectionId = existing ? existing.id : await insertSection(db, { slug: a.section.slug, name: a.section.name || a.section.slug, created_at: a.createdAt });
  }
  const tags = dedupe(a.tags);
  let tagsCreated = 0;
  for (const t of tags) if (!(await findTagBySlug(db, t.slug))) tagsCreated += 1;
  const title = (a.title || '—').slice(0, 300);
  const slug = await uniqueSlug(deps, a.slugWanted || articleSlug(title));
  const id = await insertArticle(
    db,
    {
      slug,
      title,
      summary: a.summary,
      body: a.body,
      section_id: sectionId,
      dateline: (a.dateline ?? '').slice(0, 200),
      status: a.status,
      publish_at: a.publishAt,
      comments_open: a.commentsOpen ? 1 : 0,
      image_id: null,
      correction: a.correction ?? null,
      lang: a.lang,
    },
    a.createdAt,
  );
  await replaceArticleTags(db, id, tags);
  await replaceArticleAuthors(db, id, a.authorIds);
  await insertRevision(db, { article_id: id, author_id: a.authorIds[0] ?? null, title, summary: a.summary, body: a.body, created_at: a.createdAt });
  return { id, slug, sectionCreated, tagsCreated };
}

function dedupe(tags: { slug: string; name: string }[]): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of tags) if (!seen.has(t.slug)) seen.set(t.slug, t.name || t.slug);
  return [...seen].map(([slug, name]) => ({ slug, name }));
}

/**
 * An imported article's body with the featured image the import found put in front (the
 * image is still at its old address; see importers' showImportedImages). The caller emits
 * `article.saved`.
 */
export async function prependImportedImage(deps: Pick<Deps, 'db'>, id: number, markdownImage: string, at: string): Promise<void> {
  const article = await getArticleById(deps, id);
  if (!article) return;
  await updateArticleRow(deps.db, id, { body: `${markdownImage}\n\n${article.body}` }, at);
}

import type { Deps } from '../../deps';
import { htmlToText } from '../../web/markdown';
import { renderCommentMarkdown } from '../../web/markdown';
import { hashIp } from '../../web/security';
import { insertArticle, insertRevision, replaceArticleAuthors, replaceArticleTags, slugExists } from '../articles/article.repository';
import { findSectionBySlug, findTagBySlug, insertSection } from '../articles/section.repository';
import { slugify } from '../articles/slug';
import type { CommentStatus } from '../comments/comment';
import { insertComment } from '../comments/comment.repository';
import { importedCommentToMarkdown, importedHtmlToMarkdown } from './html-to-markdown';
import { insertLegacyUrl, insertMapping } from './import.repository';

/** An article read from another system, ready to be written. */
export interface ImportedArticle {
  source: string;
  externalId: string;
  title: string;
  /** The slug it had (already slugified); '' to derive one from the title. */
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
    const summary = htmlToText(a.excerpt).slice(0, 2000);
    const title = (a.title || '—').slice(0, 300);
    const id = await insertArticle(
      db,
      {
        slug: await uniqueSlug(scoped, a.slugWanted || slugify(title)),
        title,
        summary,
        body,
        section_id: sectionId,
        dateline: '',
        status: a.status,
        publish_at: a.publishAt,
        comments_open: a.commentsOpen ? 1 : 0,
        image_id: null,
        correction: null,
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

/** A comment read from another system. */
export interface ImportedComment {
  source: string;
  externalId: string;
  articleId: number;
  parentId: number | null;
  userId: number | null;
  name: string;
  email: string;
  /** The client address as the other system kept it: stored only as an HMAC. */
  ip: string;
  html: string;
  status: CommentStatus;
  /** Why it has that status, in the source's words (kept as the reason of a non-published comment). */
  origin: string;
  createdAt: string;
  /** Extra reasons (Disqus: both spam and deleted). */
  reasons?: { code: string; detail?: string }[];
}

/**
 * Writes one imported comment (no moderation pipeline: the source's decision is
 * kept) and its id mapping; the caller holds the transaction.
 */
export async function insertImportedComment(deps: Deps, c: ImportedComment): Promise<number> {
  const body = importedCommentToMarkdown(c.html);
  const email = c.email.includes('@') ? c.email : null;
  const id = await insertComment(deps.db, {
    article_id: c.articleId,
    parent_id: c.parentId,
    user_id: c.userId,
    author_name: (c.name || 'Anonyme').slice(0, 200),
    author_email: c.userId === null ? email : null,
    ip_hash: c.ip ? hashIp(deps.secret, c.ip) : null,
    body,
    html: renderCommentMarkdown(body),
    status: c.status,
    reasons: c.reasons ?? (c.status === 'published' ? [] : [{ code: 'imported', detail: c.origin }]),
    scores: {},
    created_at: c.createdAt,
  });
  await insertMapping(deps.db, { source: c.source, kind: 'comment', external_id: c.externalId, local_id: id, created_at: deps.clock.now().toISOString() });
  return id;
}

import type { Deps } from '../../deps';
import type { Article, DiscussionRules } from './article';
import { findDiscussionRules } from './article-discussion.repository';
import { countUnpublished, findArticlesByIds, listArticlesAfter, listPublishedIds } from './article-lists.repository';
import { bumpArticleVersion as bumpVersionRow, findArticleById, findArticleBySlug, findArticleIdByOldSlug, listArticles, type ListFilter } from './article.repository';
import { findSectionBySlug, findTagBySlug, listSections, listSectionsWithCounts, type Section } from './section.repository';
import { listTagsWithCounts, type Tag } from './tag.repository';

/**
 * What other modules read of articles, sections and tags (and the one write they share,
 * the version bump): they call these, never the articles module's repositories or tables.
 * No permission here: callers decide what their reader may see (isVisible, the policy).
 * `deps` may carry a transaction as `db`.
 */
type Db = Pick<Deps, 'db'>;
export type { Article, DiscussionRules, Section, Tag, ListFilter };

export function getArticleById(deps: Db, id: number): Promise<Article | undefined> {
  return findArticleById(deps.db, id);
}

/** Whether readers see the article and the rules of its discussion, without its text, section, tags and authors. */
export function getDiscussionRules(deps: Db, id: number): Promise<DiscussionRules | undefined> {
  return findDiscussionRules(deps.db, id);
}

export function getArticleBySlug(deps: Db, slug: string): Promise<Article | undefined> {
  return findArticleBySlug(deps.db, slug);
}

/** The article a former slug (before a rename or an import) now belongs to. */
export function getArticleIdByFormerSlug(deps: Db, slug: string): Promise<number | undefined> {
  return findArticleIdByOldSlug(deps.db, slug);
}

/** Articles by id, in the order of the ids given (missing ones left out). */
export function getArticlesByIds(deps: Db, ids: number[]): Promise<Article[]> {
  return findArticlesByIds(deps.db, ids);
}

/** Newest first, by the filter (status, visibility, section, tag, author, keyset). */
export function listArticleRows(deps: Db, filter: ListFilter): Promise<Article[]> {
  return listArticles(deps.db, filter);
}

/** Ids of published articles (scheduled ones included) after `afterId`, in id order: for rebuilding an index. */
export function listPublishedArticleIds(deps: Db, afterId: number, limit: number): Promise<number[]> {
  return listPublishedIds(deps.db, afterId, limit);
}

/** Articles of every status after `afterId`, in id order, a page at a time: for exports. */
export function listAllArticlesAfter(deps: Db, afterId: number, limit: number): Promise<Article[]> {
  return listArticlesAfter(deps.db, afterId, limit);
}

/** Drafts and scheduled articles, optionally one author's. */
export function countUnpublishedArticles(deps: Db, now: string, authorId?: number): Promise<{ drafts: number; scheduled: number }> {
  return countUnpublished(deps.db, now, authorId);
}

/** Cached pages and live readers notice an article's discussion changed through its version. */
export function bumpArticleVersion(deps: Db, id: number): Promise<void> {
  return bumpVersionRow(deps.db, id);
}

export function getSections(deps: Db): Promise<Section[]> {
  return listSections(deps.db);
}

export function getSectionBySlug(deps: Db, slug: string): Promise<Section | undefined> {
  return findSectionBySlug(deps.db, slug);
}

export function getTagBySlug(deps: Db, slug: string): ReturnType<typeof findTagBySlug> {
  return findTagBySlug(deps.db, slug);
}

/** Sections with how many articles each holds, by name. */
export function getSectionsWithCounts(deps: Db): ReturnType<typeof listSectionsWithCounts> {
  return listSectionsWithCounts(deps.db);
}

/** Tags with how many articles carry each, most used first. */
export function getTagsWithCounts(deps: Db): ReturnType<typeof listTagsWithCounts> {
  return listTagsWithCounts(deps.db);
}

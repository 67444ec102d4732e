import type { Deps } from '../../deps';
import { ValidationError } from '../../web/errors';
import type { Article } from '../articles/article';
import { searchIndexFor, type IndexHit, type SearchDocument } from './search.index';
import { markdownToText } from './search.plain';
import { getArticleById, getArticlesByIds, getSectionBySlug, getSections, listPublishedArticleIds, type Section } from '../articles/article.read-model';
import { highlight, SNIPPET_WORDS, type Segment } from './search.snippet';
import { queryTerms, queryWords, searchLang } from './search.text';

/** What of an article the index holds. */
export function toDocument(a: Article): SearchDocument {
  const body = markdownToText(a.body);
  return {
    articleId: a.id,
    lang: searchLang(a.lang),
    title: a.title,
    summary: a.summary,
    body,
    extra: [...a.tags.map((t) => t.name), a.section?.name ?? ''].join(' '),
    plain: a.summary ? `${a.summary}\n${body}` : body,
    publishAt: a.publishAt ?? a.createdAt,
    sectionId: a.section?.id ?? null,
    slug: a.slug,
    articleLang: a.lang,
  };
}

/**
 * Brings the index in line with the article as stored: published (even if scheduled:
 * visibility is checked at query time) → indexed; draft or gone → removed.
 */
export async function indexArticle(deps: Deps, articleId: number): Promise<void> {
  const a = await getArticleById(deps, articleId);
  await writeDocuments(deps, [articleId], a ? [a] : []);
}

/** Writes the articles' documents (and removes the ids of those not published or gone) in one transaction. */
async function writeDocuments(deps: Deps, ids: readonly number[], articles: readonly Article[]): Promise<void> {
  const index = searchIndexFor(deps.dialect);
  const byId = new Map(articles.map((a) => [a.id, a]));
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    for (const id of ids) {
      const a = byId.get(id);
      if (a && a.storedStatus === 'published') await index.upsert(db, toDocument(a));
      else await index.remove(db, id);
    }
  });
}

/**
 * `indexArticle` for many articles at once (an import's batch): read together, written in
 * one transaction (the caller's when `deps.db` is one), instead of a few statements per
 * article each committing on its own. FTS5 then merges the batch's terms once.
 */
export async function indexArticles(deps: Deps, articleIds: readonly number[]): Promise<void> {
  if (articleIds.length === 0) return;
  const ids = [...new Set(articleIds)];
  await writeDocuments(deps, ids, await getArticlesByIds(deps, ids));
}

/** Rebuilds the whole index from the articles; returns how many are indexed. */
export async function reindexAll(deps: Deps, batch = 500): Promise<number> {
  const index = searchIndexFor(deps.dialect);
  await index.clear(deps.db);
  let count = 0;
  for (let after = 0; ; ) {
    const ids = await listPublishedArticleIds(deps, after, batch);
    if (ids.length === 0) {
      await index.rebuilt(deps.db);
      return count;
    }
    const articles = await getArticlesByIds(deps, ids);
    await writeDocuments(deps, ids, articles);
    count += articles.length;
    after = ids[ids.length - 1] ?? after;
  }
}

/** Keeps the index following every publish, edit, unpublish and delete. */
export function installSearchHooks(deps: Deps): void {
  // A failed indexing must not turn a saved article into an error for its editor:
  // it is logged, and `palabre search reindex` repairs the index.
  const safely = async (articleId: number, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      deps.log.error({ err, articleId }, 'search indexing failed');
    }
  };
  deps.hooks.on('article.saved', ({ articleId }) => safely(articleId, () => indexArticle(deps, articleId)));
  deps.hooks.on('article.deleted', ({ articleId }) => safely(articleId, () => searchIndexFor(deps.dialect).remove(deps.db, articleId)));
}

export interface SearchOptions {
  q: string;
  /** Section slug. */
  section?: string | undefined;
  /** Published on or after this day (YYYY-MM-DD, UTC). */
  from?: string | undefined;
  /** Published on or before this day (YYYY-MM-DD, UTC). */
  to?: string | undefined;
  offset: number;
  limit: number;
}

/** What a result shows of an article, read from the index (migration 0017), not from `articles`. */
export interface FoundArticle {
  id: number;
  slug: string;
  lang: string;
  publishAt: string;
  section: Section | null;
}

/** One article found: its title and a snippet of its text, matched words marked. */
export interface SearchHit {
  article: FoundArticle;
  title: Segment[];
  snippet: Segment[];
}

const DAY_MS = 86_400_000;

type Found = { page: IndexHit[]; more: boolean };
const NOTHING: Found = { page: [], more: false };

/**
 * The page of index hits matching every word of the query, best first; `more` when another
 * page follows. `sectionId` turns the section's slug into its id (undefined: no such section).
 */
async function findPage(deps: Deps, o: SearchOptions, sectionId: (slug: string) => Promise<number | undefined>): Promise<Found> {
  const terms = queryTerms(o.q);
  // Only stop words ("les", "de la"): they are in no index, so nothing can match.
  if (terms.fr.length === 0 && terms.en.length === 0) return NOTHING;
  if (o.from && o.to && o.to < o.from) throw new ValidationError('to', 'the end date is before the start date');
  const section = o.section ? await sectionId(o.section) : undefined;
  if (o.section && section === undefined) return NOTHING;
  const found = await searchIndexFor(deps.dialect).query(deps.db, {
    words: queryWords(o.q),
    now: deps.clock.now().toISOString(),
    sectionId: section,
    from: o.from ? new Date(`${o.from}T00:00:00.000Z`).toISOString() : undefined,
    before: o.to ? new Date(new Date(`${o.to}T00:00:00.000Z`).getTime() + DAY_MS).toISOString() : undefined,
    offset: o.offset,
    limit: o.limit + 1,
  });
  return { page: found.slice(0, o.limit), more: found.length > o.limit };
}

/**
 * Published articles matching every word of the query, best first, each with its title and
 * snippet marked (the /search page); `more` when another page follows. One statement reads
 * the page, snippet texts included; the sections (for the results' kickers and addresses)
 * are read beside it, or given by a caller that reads them anyway (the page's menu).
 */
export async function searchArticles(deps: Deps, o: SearchOptions, sections = getSections(deps)): Promise<{ hits: SearchHit[]; more: boolean }> {
  // A rejected read of the sections is awaited below, or not at all when the search fails first.
  sections.catch(() => undefined);
  const found = await findPage(deps, o, async (slug) => (await sections).find((s) => s.slug === slug)?.id);
  if (found.page.length === 0) return { hits: [], more: found.more };
  const byId = new Map((await sections).map((s) => [s.id, s]));
  const terms = queryTerms(o.q);
  const wanted = new Set([...terms.fr, ...terms.en]);
  const hits = found.page.map((h) => {
    const lang = searchLang(h.lang);
    const article = { id: h.id, slug: h.slug, lang: h.lang, publishAt: h.publishAt, section: (h.sectionId !== null && byId.get(h.sectionId)) || null };
    return { article, title: highlight(h.title, lang, wanted), snippet: highlight(h.plain, lang, wanted, SNIPPET_WORDS) };
  });
  return { hits, more: found.more };
}

/** The same search, whole articles without snippets (the JSON API). */
export async function searchArticleRows(deps: Deps, o: SearchOptions): Promise<{ articles: Article[]; more: boolean }> {
  const found = await findPage(deps, o, async (slug) => (await getSectionBySlug(deps, slug))?.id);
  return { articles: await getArticlesByIds(deps, found.page.map((h) => h.id)), more: found.more };
}

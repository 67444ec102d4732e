import { escapeUTF8 } from 'entities';
import { Feed, type Item } from 'feed';
import type { Deps } from '../../deps';
import { translator } from '../../web/i18n/i18n';
import { renderArticleMarkdown } from '../../web/markdown';
import { articlePath, type Article } from '../articles/article';
import { listArticleRows } from '../articles/article.read-model';
import { authorPath, listingFilter, type Listing } from './listing';

/** Articles in a feed. */
export const FEED_SIZE = 30;

/** The three formats of every feed, by the last segment of their path. */
export const FEED_FORMATS = {
  'feed.xml': { type: 'application/rss+xml; charset=utf-8' },
  'atom.xml': { type: 'application/atom+xml; charset=utf-8' },
  'feed.json': { type: 'application/feed+json; charset=utf-8' },
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

/** Where a listing's feed of that format lives: /feed.xml, /afrique/atom.xml, /tag/mali/feed.json… */
export function feedPath(listing: Pick<Listing, 'path'>, format: FeedFormat): string {
  return `${listing.path === '/' ? '' : listing.path}/${format}`;
}

/**
 * An article's id in every feed: a tag: URI (RFC 4151) from the site's host, the day the
 * article was created and its database id, so that it never changes when the title,
 * slug or section does and readers never see an edited article as a new one.
 */
export function articleGuid(baseUrl: string, a: Pick<Article, 'id' | 'createdAt'>): string {
  return `tag:${new URL(baseUrl).hostname},${a.createdAt.slice(0, 10)}:article:${a.id}`;
}

/**
 * An article as the feed library takes it, for RSS and Atom. The library marks
 * Atom's title and summary `type="html"` and RSS readers read title and description
 * as HTML, so the plain texts (title, summary) go in as HTML that shows that text:
 * escaped, so `<b>` or `a <mot> b` reach the reader as written, never as markup.
 */
function item(deps: Deps, a: Article, full: boolean): Item {
  const base = deps.config.baseUrl;
  const published = new Date(a.publishAt ?? a.createdAt);
  const updated = new Date(a.updatedAt);
  return {
    title: escapeUTF8(a.title),
    id: articleGuid(base, a),
    guid: articleGuid(base, a),
    link: base + articlePath(a),
    date: updated > published ? updated : published,
    published,
    description: a.summary ? escapeUTF8(a.summary) : '',
    ...(full ? { content: renderArticleMarkdown(a.body) } : {}),
    author: a.authors.map((x) => ({ name: x.name, link: base + authorPath(x.id) })),
    category: [...(a.section ? [{ name: a.section.name, term: a.section.slug }] : []), ...a.tags.map((t) => ({ name: t.name, term: t.slug }))],
  };
}

/**
 * JSON Feed 1.1, written from the articles (the library's 1.0 output gives the feed's
 * head): `title` and `summary` are plain text by the spec, so they stay as written;
 * the body is `content_html` in a full feed, else the summary is `content_text`.
 */
function jsonFeed11(json: string, articles: Article[], language: string, base: string, full: boolean): string {
  const data = JSON.parse(json) as Record<string, unknown>;
  const { author: _siteAuthor, items: _items, ...feed } = data;
  const items = articles.map((a) => {
    const published = new Date(a.publishAt ?? a.createdAt);
    const updated = new Date(a.updatedAt);
    return {
      id: articleGuid(base, a),
      url: base + articlePath(a),
      title: a.title,
      ...(a.summary ? { summary: a.summary } : {}),
      ...(full ? { content_html: renderArticleMarkdown(a.body) } : { content_text: a.summary || a.title }),
      date_published: published.toISOString(),
      date_modified: (updated > published ? updated : published).toISOString(),
      language: a.lang,
      // An article may have no author left (an erased account): no `authors` then, as the spec allows.
      ...(a.authors.length > 0 ? { authors: a.authors.map((x) => ({ name: x.name, url: base + authorPath(x.id) })) } : {}),
      tags: [...(a.section ? [a.section.name] : []), ...a.tags.map((t) => t.name)],
    };
  });
  return JSON.stringify({ ...feed, version: 'https://jsonfeed.org/version/1.1', language, items });
}

/** The feed of a listing's latest published articles; `full` puts each article's whole text in it. */
export async function buildFeed(deps: Deps, listing: Listing, format: FeedFormat, full: boolean): Promise<string> {
  const now = deps.clock.now().toISOString();
  const articles = await listArticleRows(deps, { now, visibleAt: now, limit: FEED_SIZE, ...listingFilter(listing) });
  const base = deps.config.baseUrl;
  const siteName = translator(deps.config.locale)('site.name');
  const items = articles.map((a) => item(deps, a, full));
  const feed = new Feed({
    title: listing.path === '/' ? siteName : `${listing.name} — ${siteName}`,
    description: listing.heading,
    id: base + listing.path,
    link: base + listing.path,
    language: deps.config.locale,
    // The newest change, not the time of rendering: the same articles give the same bytes (and ETag).
    updated: items.reduce((d, i) => (i.date > d ? i.date : d), new Date(0)),
    generator: 'Palabre',
    feedLinks: { rss: base + feedPath(listing, 'feed.xml'), atom: base + feedPath(listing, 'atom.xml'), json: base + feedPath(listing, 'feed.json') },
    copyright: siteName,
  });
  if (format === 'feed.json') return jsonFeed11(feed.json1(), articles, deps.config.locale, base, full);
  for (const i of items) feed.addItem(i);
  return format === 'feed.xml' ? feed.rss2() : feed.atom1();
}

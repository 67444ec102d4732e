import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import type { Deps } from '../../deps';
import { ValidationError } from '../../web/errors';
import { translator } from '../../web/i18n/i18n';
import { articlePath } from '../articles/article';
import { getSections } from '../articles/article.read-model';
import { countVisibleArticles, listRecentArticles, listSitemapArticles, listUsedTags, type SitemapRow } from './listing.repository';
import { tagPath } from './listing';

/** Articles per sitemap page; past this many, /sitemap.xml becomes an index of pages. */
export const SITEMAP_PAGE_SIZE = 10_000;
/** Google News reads articles of the last two days, at most 1,000 of them. */
const NEWS_WINDOW_MS = 48 * 3_600_000;
const NEWS_MAX = 1000;

function articleUrl(r: SitemapRow): string {
  return articlePath({ slug: r.slug, section: r.section_slug === null ? null : { id: 0, slug: r.section_slug, name: '' } });
}

function lastmod(r: SitemapRow): string {
  return r.updated_at > r.publish_at ? r.updated_at : r.publish_at;
}

async function xml(stream: SitemapStream | SitemapIndexStream, items: unknown[]): Promise<string> {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** The pages that are not articles: home, sections, tags. */
async function pageItems(deps: Deps, now: string): Promise<SitemapItemLoose[]> {
  const [sections, tags] = await Promise.all([getSections(deps), listUsedTags(deps.db, now)]);
  return [{ url: '/' }, ...sections.map((s) => ({ url: `/${s.slug}` })), ...tags.map((t) => ({ url: tagPath(t.slug) }))];
}

/**
 * /sitemap.xml: every page and published article while they fit one sitemap; past
 * `pageSize` articles, an index of /sitemap.xml?page=0 (the pages) and ?page=1… (articles by id).
 */
export async function buildSitemap(deps: Deps, page: number | undefined, pageSize = SITEMAP_PAGE_SIZE): Promise<string> {
  const base = deps.config.baseUrl;
  const now = deps.clock.now().toISOString();
  const total = await countVisibleArticles(deps.db, now);
  const pages = Math.ceil(total / pageSize);
  const articleItems = async (p: number) =>
    (await listSitemapArticles(deps.db, now, (p - 1) * pageSize, pageSize)).map((r) => ({ url: articleUrl(r), lastmod: lastmod(r) }));
  if (page === undefined && pages <= 1) {
    return xml(new SitemapStream({ hostname: base }), [...(await pageItems(deps, now)), ...(await articleItems(1))]);
  }
  if (page === undefined) {
    const urls = Array.from({ length: pages + 1 }, (_, p) => `${base}/sitemap.xml?page=${p}`);
    return xml(new SitemapIndexStream(), urls.map((url) => ({ url })));
  }
  if (page > Math.max(pages, 1)) throw new ValidationError('page', `the sitemap has pages 0 to ${pages}`);
  return xml(new SitemapStream({ hostname: base }), page === 0 ? await pageItems(deps, now) : await articleItems(page));
}

/** /news-sitemap.xml: the articles of the last 48 hours, for Google News. */
export async function buildNewsSitemap(deps: Deps): Promise<string> {
  const now = deps.clock.now();
  const rows = await listRecentArticles(deps.db, new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now.toISOString(), NEWS_MAX);
  const name = translator(deps.config.locale)('site.name');
  const items: SitemapItemLoose[] = rows.map((r) => ({
    url: articleUrl(r),
    news: { publication: { name, language: r.lang }, publication_date: r.publish_at, title: r.title },
  }));
  return xml(new SitemapStream({ hostname: deps.config.baseUrl, xmlns: { news: true, xhtml: false, image: false, video: false } }), items);
}

/** robots.txt: everything may be crawled but the newsroom and the API; both sitemaps named. */
export function buildRobots(deps: Deps): string {
  const base = deps.config.baseUrl;
  return ['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /search', '', `Sitemap: ${base}/sitemap.xml`, `Sitemap: ${base}/news-sitemap.xml`, ''].join('\n');
}

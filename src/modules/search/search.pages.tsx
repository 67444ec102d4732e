import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { Layout, renderDocument } from '../../web/layout';
import { sendPage } from '../../web/page';
import { parseInput } from '../../web/validate';
import { listTtl } from '../articles/article.pages';
import { Pagination } from '../articles/article.views';
import { getSections } from '../articles/article.read-model';
import { SEARCH_PAGE_SIZE, searchPageQuerySchema, type SearchPageQuery } from './search';
import { searchArticles } from './search.service';
import { SearchForm, SearchResults } from './search.views';

/** Searches one address may make a minute on /search. */
export const SEARCH_RATE_PER_MINUTE = 120;

function pageUrl(query: SearchPageQuery, page: number): string {
  const params = new URLSearchParams({ q: query.q });
  if (query.section) params.set('section', query.section);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

async function renderSearchPage(deps: Deps, request: FastifyRequest, query: SearchPageQuery): Promise<string> {
  const t = request.t;
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;
  const reading = getSections(deps);
  const [sections, found] = await Promise.all([
    reading,
    searchArticles(deps, { q: query.q, section: query.section, from: query.from, to: query.to, offset, limit: SEARCH_PAGE_SIZE }, reading),
  ]);
  const title = query.q ? t('search.results_for', { q: query.q }) : t('search.title');
  return renderDocument(
    <Layout locale={request.locale} t={t} sections={sections} meta={{ title, noindex: true }}>
      <h1>{title}</h1>
      <SearchForm query={query} sections={sections} t={t} />
      {!query.q ? (
        <p>{t('search.prompt')}</p>
      ) : found.hits.length === 0 ? (
        <p class="empty" role="status">
          {t('search.none', { q: query.q })}
        </p>
      ) : (
        <SearchResults hits={found.hits} first={offset + 1} t={t} locale={request.locale} />
      )}
      <Pagination
        t={t}
        prev={query.page > 1 ? pageUrl(query, query.page - 1) : undefined}
        next={found.more && query.page < 50 ? pageUrl(query, query.page + 1) : undefined}
      />
    </Layout>,
  );
}

/** The /search page: French-aware full-text search over published articles. */
export function registerSearchPages(app: FastifyInstance, deps: Deps): void {
  // Each new query is a real search: a generous limit per address keeps a scraper from monopolising the database.
  app.get('/search', { config: { rateLimit: { max: SEARCH_RATE_PER_MINUTE, timeWindow: '1 minute' } } }, async function showSearchPage(request, reply) {
    const query = parseInput(searchPageQuerySchema, request.query, request.locale);
    return sendPage(deps, request, reply, {
      key: pageUrl(query, query.page),
      tags: ['lists'],
      ttlMs: await listTtl(deps),
      render: async () => ({ body: await renderSearchPage(deps, request, query) }),
    });
  });
}

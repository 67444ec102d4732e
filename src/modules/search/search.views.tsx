import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { articlePath } from '../articles/article';
import type { Section } from '../articles/article.read-model';
import type { SearchPageQuery } from './search';
import type { SearchHit } from './search.service';
import type { Segment } from './search.snippet';

/** Text with the matched words in <mark>; every piece is escaped by the renderer like any text. */
export function Highlighted({ segments }: { segments: Segment[] }): VNode {
  return <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

function Field({ id, label, children }: { id: string; label: string; children: VNode }): VNode {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

/** The search form of the /search page, filled with the current query. */
export function SearchForm({ query, sections, t }: { query: SearchPageQuery; sections: Section[]; t: Translate }): VNode {
  return (
    <form class="search-page-form" role="search" aria-label={t('search.refine')} method="get" action="/search">
      <Field id="search-q" label={t('search.query')}>
        <input id="search-q" type="search" name="q" value={query.q} maxLength={200} />
      </Field>
      <Field id="search-section" label={t('search.section')}>
        <select id="search-section" name="section">
          <option value="">{t('search.all_sections')}</option>
          {sections.map((s) => (
            <option value={s.slug} selected={s.slug === query.section}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="search-from" label={t('search.from')}>
        <input id="search-from" type="date" name="from" value={query.from ?? ''} />
      </Field>
      <Field id="search-to" label={t('search.to')}>
        <input id="search-to" type="date" name="to" value={query.to ?? ''} />
      </Field>
      <button type="submit">{t('search.submit')}</button>
    </form>
  );
}

/** The found articles, numbered from `first`. */
export function SearchResults({ hits, first, t, locale }: { hits: SearchHit[]; first: number; t: Translate; locale: Locale }): VNode {
  return (
    <section aria-labelledby="search-results-title">
      <h2 id="search-results-title" class="visually-hidden">
        {t('search.results')}
      </h2>
      <p role="status">{t('search.showing', { from: first, to: first + hits.length - 1 })}</p>
      <ol class="search-results" start={first}>
        {hits.map(({ article, title, snippet }) => (
          <li class="search-result" lang={article.lang}>
            {article.section ? <p class="kicker">{article.section.name}</p> : null}
            <h3 class="card-title">
              <a href={articlePath(article)}>
                <Highlighted segments={title} />
              </a>
            </h3>
            <p class="snippet">
              <Highlighted segments={snippet} />
            </p>
            {article.publishAt ? (
              <p class="dates">
                <time dateTime={article.publishAt}>{formatDate(locale, article.publishAt)}</time>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

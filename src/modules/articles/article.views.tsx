import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { articlePath, type Article } from './article';

export function Byline({ article, t }: { article: Article; t: Translate }): VNode | null {
  if (article.authors.length === 0) return null;
  const names = article.authors.map((a) => a.name);
  const text = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} ${t('article.and')} ${names[names.length - 1]}`;
  return (
    <p class="byline">
      {t('article.by')} <span class="authors">{text}</span>
    </p>
  );
}

function PublishedAt({ article, t, locale }: { article: Article; t: Translate; locale: Locale }): VNode | null {
  if (!article.publishAt) return null;
  return (
    <p class="dates">
      {article.dateline ? <span class="dateline">{article.dateline} — </span> : null}
      {t('article.published')} <time dateTime={article.publishAt}>{formatDate(locale, article.publishAt)}</time>
      {article.updatedAt > article.createdAt && article.updatedAt > article.publishAt ? (
        <>
          {' · '}
          {t('article.updated')} <time dateTime={article.updatedAt}>{formatDate(locale, article.updatedAt)}</time>
        </>
      ) : null}
    </p>
  );
}

/** One article in a list (home, section, tag, author). */
export function ArticleCard({ article, t, locale, level = 2 }: { article: Article; t: Translate; locale: Locale; level?: 2 | 3 }): VNode {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="card">
      {article.section ? (
        <p class="kicker">
          <a href={`/${article.section.slug}`}>{article.section.name}</a>
        </p>
      ) : null}
      <Heading class="card-title">
        <a href={articlePath(article)}>{article.title}</a>
      </Heading>
      {article.summary ? <p class="summary">{article.summary}</p> : null}
      <PublishedAt article={article} t={t} locale={locale} />
    </article>
  );
}

export function ArticleList({ articles, t, locale, empty }: { articles: Article[]; t: Translate; locale: Locale; empty: string }): VNode {
  if (articles.length === 0) return <p class="empty">{empty}</p>;
  return (
    <div class="cards">
      {articles.map((a) => (
        <ArticleCard article={a} t={t} locale={locale} />
      ))}
    </div>
  );
}

export function Pagination({ t, prev, next }: { t: Translate; prev?: string | undefined; next?: string | undefined }): VNode | null {
  if (!prev && !next) return null;
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {prev ? (
        <a rel="prev" href={prev}>
          {t('pagination.prev')}
        </a>
      ) : null}
      {next ? (
        <a rel="next" href={next}>
          {t('pagination.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** The article itself: headline, summary, byline, dates, correction, body, then what follows (discussion). */
export function ArticleBody({
  article,
  html,
  t,
  locale,
  children,
  figure,
}: {
  article: Article;
  html: string;
  t: Translate;
  locale: Locale;
  children?: ComponentChildren;
  figure?: ComponentChildren;
}): VNode {
  return (
    <article class="article" lang={article.lang}>
      <header class="article-header">
        {article.section ? (
          <p class="kicker">
            <a href={`/${article.section.slug}`}>{article.section.name}</a>
          </p>
        ) : null}
        <h1>{article.title}</h1>
        {article.summary ? <p class="standfirst">{article.summary}</p> : null}
        <Byline article={article} t={t} />
        <PublishedAt article={article} t={t} locale={locale} />
      </header>
      {figure}
      {article.correction ? (
        <aside class="correction" role="note" aria-label={t('article.correction')}>
          <strong>{t('article.correction')} : </strong>
          {article.correction}
        </aside>
      ) : null}
      <div class="article-body" dangerouslySetInnerHTML={{ __html: html }} />
      {article.tags.length > 0 ? (
        <footer class="article-tags">
          <span>{t('article.tags')} : </span>
          <ul>
            {article.tags.map((tag) => (
              <li>
                <a href={`/tag/${tag.slug}`}>{tag.name}</a>
              </li>
            ))}
          </ul>
        </footer>
      ) : null}
      {children}
    </article>
  );
}

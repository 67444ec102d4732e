import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { articlePath, effectiveStatus, type Article, type ArticleStatus } from '../articles/article';
import type { Section } from '../articles/article.read-model';

export interface ArticleFilters {
  status?: ArticleStatus | undefined;
  section?: string | undefined;
  author?: number | undefined;
}

export function ArticleFilterForm({ t, filters, sections, people }: { t: Translate; filters: ArticleFilters; sections: Section[]; people: { id: number; name: string }[] }): VNode {
  return (
    <form method="get" action="/admin/articles" class="filters" role="search" aria-label={t('articles.filters')}>
      <p class="field field-inline">
        <label for="f-status">{t('articles.status')}</label>
        <select id="f-status" name="status">
          <option value="">{t('articles.all')}</option>
          {(['draft', 'scheduled', 'published'] as const).map((s) => (
            <option value={s} selected={filters.status === s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </p>
      <p class="field field-inline">
        <label for="f-section">{t('articles.section')}</label>
        <select id="f-section" name="section">
          <option value="">{t('articles.all')}</option>
          {sections.map((s) => (
            <option value={s.slug} selected={filters.section === s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </p>
      {people.length > 0 ? (
        <p class="field field-inline">
          <label for="f-author">{t('articles.author')}</label>
          <select id="f-author" name="author">
            <option value="">{t('articles.all')}</option>
            {people.map((p) => (
              <option value={String(p.id)} selected={filters.author === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <button type="submit">{t('articles.filter')}</button>
    </form>
  );
}

export function ArticleTable({ t, locale, articles, now }: { t: Translate; locale: Locale; articles: Article[]; now: Date }): VNode {
  if (articles.length === 0) return <p class="empty">{t('articles.none')}</p>;
  return (
    <table class="admin-table">
      <thead>
        <tr>
          <th scope="col">{t('articles.title_col')}</th>
          <th scope="col">{t('articles.status')}</th>
          <th scope="col">{t('articles.section')}</th>
          <th scope="col">{t('articles.author')}</th>
          <th scope="col">{t('articles.when')}</th>
        </tr>
      </thead>
      <tbody>
        {articles.map((a) => {
          const status = effectiveStatus(a, now);
          const when = a.publishAt ?? a.updatedAt;
          return (
            <tr>
              <td>
                <a href={`/admin/articles/${a.id}`}>{a.title}</a>
                {status === 'published' ? (
                  <>
                    {' · '}
                    <a href={articlePath(a)}>{t('articles.view')}</a>
                  </>
                ) : null}
              </td>
              <td>
                <span class={`status status-${status}`}>{t(`status.${status}`)}</span>
              </td>
              <td>{a.section?.name ?? ''}</td>
              <td>{a.authors.map((x) => x.name).join(', ')}</td>
              <td>
                <time dateTime={when}>{formatDate(locale, when)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

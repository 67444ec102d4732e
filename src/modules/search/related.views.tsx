import type { VNode } from 'preact';
import type { Locale } from '../../config';
import type { Translate } from '../../web/i18n/i18n';
import type { Article } from '../articles/article';
import { ArticleCard } from '../articles/article.views';

/** "Sur le même sujet": articles sharing tags with the one above. */
export function RelatedArticles({ articles, t, locale }: { articles: Article[]; t: Translate; locale: Locale }): VNode | null {
  if (articles.length === 0) return null;
  return (
    <aside class="related" aria-labelledby="related-title">
      <h2 id="related-title">{t('related.title')}</h2>
      <div class="cards">
        {articles.map((a) => (
          <ArticleCard article={a} t={t} locale={locale} level={3} />
        ))}
      </div>
    </aside>
  );
}

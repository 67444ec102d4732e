import type { VNode } from 'preact';
import type { Deps } from '../../deps';
import { translator } from '../../web/i18n/i18n';
import { firstParagraphText } from '../../web/markdown';
import { authorPath } from '../feeds/listing';
import type { Article } from './article';

/** About what search engines show under a result's title. */
const DESCRIPTION_MAX = 155;

const OG_LOCALES: Record<string, string> = { fr: 'fr_FR', en: 'en_GB' };

/**
 * JSON for a <script type="application/ld+json"> element. The HTML parser ends a script
 * at the first `</script`, whatever the JSON means, so `<`, `>` and `&` (and the two line
 * separators old parsers choke on) are written as JSON's \u escapes: same data, no markup.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The page's meta description: the summary, else the body's first paragraph, as plain text
 * (escaped when rendered, as every attribute), cut at a word near DESCRIPTION_MAX characters.
 */
export function articleDescription(article: Pick<Article, 'summary' | 'body'>): string | undefined {
  const text = (article.summary.trim() || firstParagraphText(article.body)).replace(/\s+/g, ' ');
  if (!text) return undefined;
  if (text.length <= DESCRIPTION_MAX) return text;
  const cut = text.slice(0, DESCRIPTION_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?…–—-]+$/u, '')}…`;
}

/** The schema.org NewsArticle of an article (what Google News reads). */
export function newsArticleData(deps: Deps, article: Article, canonical: string, imageUrl?: string): Record<string, unknown> {
  const base = deps.config.baseUrl;
  const published = article.publishAt ?? article.createdAt;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    headline: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    datePublished: published,
    dateModified: article.updatedAt > published ? article.updatedAt : published,
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: base + authorPath(a.id) })),
    publisher: { '@type': 'Organization', name: translator(deps.config.locale)('site.name'), url: `${base}/` },
    ...(imageUrl ? { image: [imageUrl] } : {}),
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    inLanguage: article.lang,
    isAccessibleForFree: true,
  };
}

/**
 * Extra <head> elements of an article page: NewsArticle JSON-LD, Open Graph and Twitter
 * cards. `imageUrl` is the absolute URL of the featured image, when the article has one.
 */
export function articleHead(deps: Deps, article: Article, canonical: string, imageUrl?: string): VNode | null {
  const data = newsArticleData(deps, article, canonical, imageUrl);
  const description = articleDescription(article);
  const prop = (property: string, content: string) => <meta property={property} content={content} />;
  const name = (n: string, content: string) => <meta name={n} content={content} />;
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
      {prop('og:type', 'article')}
      {prop('og:title', article.title)}
      {description ? prop('og:description', description) : null}
      {prop('og:url', canonical)}
      {prop('og:site_name', translator(deps.config.locale)('site.name'))}
      {prop('og:locale', OG_LOCALES[article.lang] ?? article.lang)}
      {imageUrl ? prop('og:image', imageUrl) : null}
      {prop('article:published_time', String(data.datePublished))}
      {prop('article:modified_time', String(data.dateModified))}
      {article.section ? prop('article:section', article.section.name) : null}
      {article.tags.map((t) => prop('article:tag', t.name))}
      {article.authors.map((a) => prop('article:author', deps.config.baseUrl + authorPath(a.id)))}
      {name('twitter:card', imageUrl ? 'summary_large_image' : 'summary')}
      {name('twitter:title', article.title)}
      {description ? name('twitter:description', description) : null}
      {imageUrl ? name('twitter:image', imageUrl) : null}
    </>
  );
}

import { activeProtection, effectiveModeration, effectiveStatus, isVisible, articlePath, type Article } from './article';

/** An article as the JSON API shows it (CONTRACT.md). */
export function presentArticle(a: Article, baseUrl: string, now: Date) {
  return {
    id: a.id,
    title: a.title,
    slug: a.slug,
    body: a.body,
    summary: a.summary,
    section: a.section?.slug ?? null,
    tags: a.tags.map((t) => t.slug),
    authors: a.authors.map((x) => x.id),
    dateline: a.dateline,
    status: effectiveStatus(a, now),
    publishAt: a.publishAt,
    publishedAt: isVisible(a, now) ? a.publishAt : null,
    updatedAt: a.updatedAt,
    commentsOpen: a.commentsOpen,
    image: a.image,
    correction: a.correction,
    lang: a.lang,
    // While an automatic rule protects the article, its override reads 'pre' (CONTRACT: issue 14).
    moderation: effectiveModeration(a, now),
    slowModeMinutes: a.slowModeMinutes,
    protection: activeProtection(a, now),
    url: baseUrl + articlePath(a),
  };
}

import type { Deps } from '../../deps';
import { resolveLegacyUrl } from '../../infra/legacy-urls';
import { isVisible, type Article } from '../articles/article';
import { getArticleById, getArticleBySlug, getArticleIdByFormerSlug } from '../articles/article.read-model';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The published article a page URL names, as the article page itself would:
 * its path (/section/slug, the host is not compared, so a site that moved keeps
 * its embeds), a former slug, or an old URL recorded by an import (legacy-urls).
 */
export async function findArticleForPage(deps: Deps, page: URL): Promise<Article | undefined> {
  const now = deps.clock.now();
  const moved = await resolveLegacyUrl(deps, page.pathname + page.search);
  const parts = (moved ?? page.pathname).split('/').filter(Boolean);
  const slug = parts.length === 2 && parts[1] ? decodeSegment(parts[1]) : undefined;
  if (slug === undefined) return undefined;
  const current = await getArticleBySlug(deps, slug);
  if (current) return isVisible(current, now) ? current : undefined;
  const formerId = await getArticleIdByFormerSlug(deps, slug);
  const former = formerId !== undefined ? await getArticleById(deps, formerId) : undefined;
  return former && isVisible(former, now) ? former : undefined;
}

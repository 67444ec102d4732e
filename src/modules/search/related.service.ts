import type { Deps } from '../../deps';
import type { Article } from '../articles/article';
import { findRelatedIds } from './related.repository';
import { getArticlesByIds } from '../articles/article.read-model';

/** Related articles shown under an article. */
export const RELATED_COUNT = 4;

/** Published articles sharing the most tags with this one (none when it has no tag). */
export async function findRelatedArticles(deps: Deps, article: Article): Promise<Article[]> {
  if (article.tags.length === 0) return [];
  const ids = await findRelatedIds(deps.db, article.id, deps.clock.now().toISOString(), RELATED_COUNT);
  return getArticlesByIds(deps, ids);
}

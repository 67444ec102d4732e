import type { VNode } from 'preact';
import type { Deps } from '../../deps';
import type { Article } from './article';

/**
 * Extra <head> elements of an article page (structured data, social cards).
 * Owned by the discovery module's work (issue: search, feeds, structured data).
 */
export function articleHead(deps: Deps, article: Article, canonical: string): VNode | null {
  void deps;
  void article;
  void canonical;
  return null;
}

import type { Deps } from '../../deps';
import { articlePath, isVisible, samePath } from '../articles/article';
import { getArticleById, getArticleBySlug, getArticleIdByFormerSlug } from '../articles/article.read-model';
import { findLegacyArticleId } from './import.repository';

// WordPress's short links (`/?p=123`, `/?page_id=7`) are the only query strings that name a page.
const ID_PARAMS = ['p', 'page_id', 'attachment_id'] as const;

/**
 * The key an old URL is stored under: its path (decoded, lower case, without the
 * trailing slash) plus `?p=N` when it is a WordPress short link. The host is
 * dropped, so an export made under another domain still matches. Undefined for
 * the home page or anything that is not a URL.
 */
export function legacyKey(urlOrPath: string): string | undefined {
  let url: URL;
  try {
    url = new URL(urlOrPath, 'http://legacy.invalid');
  } catch {
    return undefined;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.toLowerCase().replace(/\/+$/, '') || '/';
  const param = ID_PARAMS.find((p) => /^\d+$/.test(url.searchParams.get(p) ?? ''));
  if (param) return `${path === '/index.php' ? '/' : path}?${param}=${url.searchParams.get(param) ?? ''}`;
  return path === '/' ? undefined : path;
}

/** Whether a request URL is a WordPress short link on the home page (`/?p=123`). */
export function isShortLink(url: string): boolean {
  return url.startsWith('/?') && ID_PARAMS.some((p) => url.includes(`${p}=`));
}

/** The current path of the article an old URL points to, or undefined. */
export async function resolveImportedUrl(deps: Deps, path: string): Promise<string | undefined> {
  const key = legacyKey(path);
  if (!key) return undefined;
  const id = await findLegacyArticleId(deps.db, key);
  if (id === undefined) return undefined;
  const article = await getArticleById(deps, id);
  // A draft (a private or password-protected post at the source) does not give its address away.
  if (!article || !isVisible(article, deps.clock.now())) return undefined;
  const target = articlePath(article);
  return samePath(path.split('?')[0] ?? '', target) ? undefined : target;
}

/**
 * The article an absolute URL (a Disqus thread's link) names: an old URL recorded
 * by an import, a former slug, or the article's current path.
 */
export async function findArticleIdForUrl(deps: Deps, link: string): Promise<number | undefined> {
  const key = legacyKey(link);
  if (!key) return undefined;
  const legacy = await findLegacyArticleId(deps.db, key);
  if (legacy !== undefined) return legacy;
  const parts = key.split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (parts.length === 2 && parts[0] && parts[1]) {
    // Slugs are unique: the article of that slug is the one, if its section is the path's (`a` when it has none).
    const current = await getArticleBySlug(deps, parts[1]);
    if (current && (current.section?.slug ?? 'a') === parts[0]) return current.id;
    return getArticleIdByFormerSlug(deps, parts[1]);
  }
  return undefined;
}

/** Whether an absolute URL is a site's home page (`https://site/`, `/index.php`, with or without a query). */
export function isHomePage(link: string): boolean {
  try {
    const url = new URL(link);
    return /^\/(index\.(php|html?))?$/.test(url.pathname.replace(/\/+$/, '/')) && !ID_PARAMS.some((p) => url.searchParams.has(p));
  } catch {
    return false;
  }
}

/**
 * The article of a Disqus thread, by the old site's permalink rules, in order: its
 * link as an old or current URL; its identifier as the WordPress Disqus plugin wrote
 * it (`123 https://site/?p=123`: post 123's short link); the link's last path segment
 * as a current or former slug (`/2019/05/01/slug/`, `/slug.html`).
 */
export async function findArticleIdForThread(deps: Deps, link: string, identifier: string): Promise<number | undefined> {
  const byUrl = await findArticleIdForUrl(deps, link);
  if (byUrl !== undefined) return byUrl;
  const wpId = /^(\d+)\s+\S/.exec(identifier.trim())?.[1];
  if (wpId) {
    const byId = await findLegacyArticleId(deps.db, `/?p=${wpId}`);
    if (byId !== undefined) return byId;
  }
  const key = legacyKey(link);
  const segment = key?.split('?')[0]?.split('/').filter(Boolean).pop()?.replace(/\.(php|html?)$/, '');
  if (!segment) return undefined;
  return (await getArticleBySlug(deps, segment))?.id ?? (await getArticleIdByFormerSlug(deps, segment));
}

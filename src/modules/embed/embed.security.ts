import type { FastifyReply } from 'fastify';
import { CSP } from '../../web/security';

/** Longest page URL the embed accepts (the query parameter `url`). */
export const MAX_PAGE_URL = 2048;

/**
 * The Content-Security-Policy of the embedded discussion: the site's own, except
 * that other sites may frame it — any site, or only PALABRE_EMBED_ORIGINS (plus
 * Palabre itself) when that is set. Every other page keeps frame-ancestors 'none'.
 */
export function embedCsp(origins: string[] | undefined): string {
  const ancestors = origins === undefined ? '*' : ["'self'", ...origins].join(' ');
  return CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`);
}

/** Lets the response be shown in another site's iframe (see embedCsp). */
export function allowFraming(reply: FastifyReply, origins: string[] | undefined): FastifyReply {
  reply.removeHeader('x-frame-options');
  return reply.header('content-security-policy', embedCsp(origins));
}

/** The page URL an embed is about, when it is an absolute http(s) URL of acceptable length. */
export function parsePageUrl(value: string | undefined): URL | undefined {
  if (!value || value.length > MAX_PAGE_URL) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The path of the embedded discussion of a page URL. */
export function embedPath(pageUrl: string): string {
  return `/embed?url=${encodeURIComponent(pageUrl)}`;
}

/**
 * Where a comment form posted from the embed comes back to: the `return` field
 * when it names this site's /embed page with a valid `url`, rebuilt from that url
 * alone; anything else (another host, another path, a scheme trick) is ignored,
 * so the field can never become an open redirect.
 */
export function embedReturnPath(baseUrl: string, value: string | undefined): string | undefined {
  if (!value || value.length > MAX_PAGE_URL * 4) return undefined;
  let target: URL;
  try {
    target = new URL(value, baseUrl);
  } catch {
    return undefined;
  }
  if (target.origin !== new URL(baseUrl).origin || target.pathname !== '/embed') return undefined;
  const page = parsePageUrl(target.searchParams.get('url') ?? undefined);
  return page ? embedPath(page.href) : undefined;
}

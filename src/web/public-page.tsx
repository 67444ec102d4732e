import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Deps } from '../deps';
import { getSections } from '../modules/articles/article.read-model';
import { Layout, renderDocument } from './layout';

/** How long the navigation may take before a page is sent without it (a database that hangs). */
const NAV_TIMEOUT_MS = 1000;

/**
 * The sections of the site's navigation, as every public page shows them; an empty
 * list (the page still renders, without the links) when the database fails or hangs.
 */
export async function navSections(deps: Deps, request: FastifyRequest): Promise<{ slug: string; name: string }[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`sections not loaded within ${NAV_TIMEOUT_MS} ms`)), NAV_TIMEOUT_MS);
  });
  try {
    return await Promise.race([getSections(deps), timeout]);
  } catch (err) {
    request.log.warn({ err }, 'navigation sections unavailable; page sent without them');
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends a personal or transient public page (sign-in, privacy, an error): the
 * site's frame with its section navigation (unless `nav: false`), never cached, never indexed.
 */
export async function sendPublicPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; body: ComponentChildren; status?: number; cacheControl?: string; nav?: boolean },
): Promise<FastifyReply> {
  const html = renderDocument(
    <Layout locale={request.locale} t={request.t} sections={page.nav === false ? [] : await navSections(deps, request)} meta={{ title: page.title, noindex: true }}>
      {page.body}
    </Layout>,
  );
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', page.cacheControl ?? 'no-store')
    .send(html);
}

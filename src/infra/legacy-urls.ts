import type { Deps } from '../deps';
import { resolveTagUrl } from '../modules/articles/tag.service';
import { resolveImportedUrl } from '../modules/importers/legacy-url';

/**
 * Where an unknown path used to point (an imported WordPress permalink, a Disqus
 * thread URL, a renamed or merged tag…): the new path to redirect to with 301, or undefined.
 * Consulted only on a GET that would otherwise be a 404, so it costs nothing on hits.
 */
export async function resolveLegacyUrl(deps: Deps, path: string): Promise<string | undefined> {
  return (await resolveTagUrl(deps, path)) ?? resolveImportedUrl(deps, path);
}

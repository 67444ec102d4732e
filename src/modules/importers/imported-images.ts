import type { Deps } from '../../deps';
import { findImportedImage } from './import.repository';

/** The featured image an import recorded for an article (its address at the old site), for an export. */
export function importedImageOf(deps: Pick<Deps, 'db'>, articleId: number): Promise<{ url: string; alt: string } | undefined> {
  return findImportedImage(deps.db, articleId);
}

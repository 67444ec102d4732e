/**
 * A URL slug from a title: accents folded (é → e, œ → oe), lower case,
 * words joined by hyphens, at most 80 characters, never empty.
 */
export function slugify(text: string): string {
  const folded = text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const slug = folded
    .replace(/['’`]/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'article';
}

/** Whether a string is an acceptable slug as given by a user. */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

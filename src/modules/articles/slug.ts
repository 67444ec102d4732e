/**
 * A URL slug from a title: accents of Latin letters folded (é → e, œ → oe), lower case,
 * words joined by hyphens, at most 80 characters, never empty. ASCII only: sections
 * and tags (their slugs appear in many links) and Latin titles.
 */
export function slugify(text: string): string {
  const slug = joinWords(foldLatin(text), /[^a-z0-9]+/g);
  return slug || 'article';
}

/**
 * An article's slug from a title or an imported slug: like slugify for Latin text, but
 * letters of any other script are kept as they are (lower case, NFC): `Привет, мир !` →
 * `привет-мир`, as WordPress does. URLs carry it percent-encoded (see articlePath). At
 * most 80 characters, never empty.
 */
export function articleSlug(text: string): string {
  const slug = joinWords(foldLatin(text).normalize('NFC'), /[^\p{L}\p{M}\p{Nd}]+/gu);
  return slug || 'article';
}

/** Latin letters' accents and ligatures folded, any other letter kept (decomposed: NFKD), lower case. */
function foldLatin(text: string): string {
  return text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/([a-zA-Z])\p{M}+/gu, '$1')
    .toLowerCase();
}

function joinWords(text: string, separators: RegExp): string {
  const joined = text.replace(/['’`]/g, '-').replace(separators, '-').replace(/^-+|-+$/g, '');
  // 80 UTF-16 units, never half a character.
  let cut = '';
  for (const ch of joined) {
    if (cut.length + ch.length > 80) break;
    cut += ch;
  }
  return cut.replace(/-+$/g, '');
}

/** Whether a string is an acceptable section or tag slug as given by a user (ASCII). */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const WORD = '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}\\p{Nd}]+';
/**
 * An article slug: words of lower-case letters of any script (or letters without case),
 * their marks and digits, joined by single hyphens. Also the editor's `pattern` attribute
 * (browsers compile it with the `v` flag, where it means the same).
 */
export const ARTICLE_SLUG_PATTERN = `${WORD}(?:-${WORD})*`;
const ARTICLE_SLUG_RE = new RegExp(`^${ARTICLE_SLUG_PATTERN}$`, 'u');

/** Whether a string is an article slug as stored (lower case, NFC): see ARTICLE_SLUG_RE. */
export function isArticleSlug(s: string): boolean {
  return s === s.normalize('NFC') && ARTICLE_SLUG_RE.test(s) && !/^\p{M}/u.test(s);
}

/** An article slug from a request's decoded path segment: NFC, lower case (looked up as stored). */
export function requestedSlug(segment: string): string {
  return segment.normalize('NFC').toLowerCase();
}

import { replace as replaceShortcode } from '@wordpress/shortcode';
import { decodeHTML } from 'entities';
import { transliterate } from 'transliteration';
import TurndownService from 'turndown';
import { renderCommentsMarkdown, sanitizeArticleHtml } from '../../web/markdown';
import { articleSlug, slugify } from '../articles/slug';

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });

/**
 * A figure as Palabre's Markdown has it: the article renderer escapes raw HTML, so a
 * figure is its image with the caption as title (what markdown-it figure plugins turn
 * into `<figcaption>`) followed by the caption in italics, which readers see today.
 */
turndown.addRule('figure', {
  filter: 'figure',
  replacement(content, node) {
    const el = node;
    const img = el.querySelector('img');
    const caption = (el.querySelector('figcaption')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!img) return content;
    const src = img.getAttribute('src') ?? '';
    const alt = (img.getAttribute('alt') ?? '').replace(/[[\]]/g, '');
    const title = caption ? ` "${caption.replace(/"/g, '\\"')}"` : '';
    const image = `![${alt}](${markdownUrl(src)}${title})`;
    return `\n\n${image}${caption ? `\n\n*${turndown.escape(caption)}*` : ''}\n\n`;
  },
});

/** A URL as a Markdown link destination: parentheses and spaces (which would end it) percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// What WordPress's img_caption_shortcode reads: an image, possibly linked, then the caption.
const CAPTION_BODY = /^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)([\s\S]*)$/i;

/**
 * `[caption]` shortcodes (and the older `[wp_caption]`) as `<figure>` with a
 * `<figcaption>`, the way WordPress renders them; the shortcode grammar is read by
 * WordPress's own @wordpress/shortcode.
 */
export function expandCaptions(html: string): string {
  if (!html.includes('caption')) return html;
  const expand = (sc: { attrs: { named: Record<string, string | undefined> }; content?: string }) => {
    const m = CAPTION_BODY.exec(sc.content ?? '');
    if (!m) return sc.content ?? '';
    const caption = (sc.attrs.named.caption ?? m[2] ?? '').trim();
    return `<figure>${m[1] ?? ''}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  };
  return replaceShortcode('wp_caption', replaceShortcode('caption', html, expand), expand);
}

// Block-level tags: their presence means the author (or the block editor) wrote the paragraphs already.
const BLOCK_TAG = /<\/?(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|section|article|dl)\b/i;

/**
 * What WordPress's wpautop does at display time, in its simplest form: text
 * written in the classic editor has bare line breaks; a blank line separates
 * paragraphs and a single line break is a `<br>`. Content that already has
 * block-level HTML (the block editor's, or hand-written) is left as it is.
 */
export function paragraphsFromLineBreaks(content: string): string {
  const text = content.replace(/\r\n?/g, '\n');
  if (BLOCK_TAG.test(text)) return expandCaptions(text);
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      // A caption alone on its lines is a figure, a block of its own (as wpautop leaves it).
      const expanded = expandCaptions(p);
      return expanded !== p && expanded.startsWith('<figure>') && expanded.endsWith('</figure>') ? expanded : `<p>${expanded.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
}

/**
 * Imported HTML (a WordPress post or comment) as Palabre's Markdown: paragraphs
 * restored, then sanitized to the article policy (block comments, scripts, styles
 * and unknown tags dropped), then turned into Markdown by turndown.
 */
export function importedHtmlToMarkdown(content: string): string {
  if (content.trim() === '') return '';
  return turndown.turndown(sanitizeArticleHtml(paragraphsFromLineBreaks(content))).trim();
}

/**
 * An imported comment as the comment renderer's text. Most comments are plain text:
 * nothing to sanitize or convert, and the comment renderer already turns single line
 * breaks into `<br>`, so they are kept as written (and read much faster).
 */
export function importedCommentToMarkdown(content: string): string {
  if (!/[<&]/.test(content)) return content.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return importedHtmlToMarkdown(content);
}

/**
 * Imported comments as they are stored: each one's body (importedCommentToMarkdown) and the
 * HTML the comment renderer gives that body (renderCommentsMarkdown, exactly
 * renderCommentMarkdown's). What the render worker computes for a WXR import.
 */
export function renderImportedComments(texts: readonly string[]): { bodies: string[]; html: string[] } {
  const bodies = texts.map(importedCommentToMarkdown);
  return { bodies, html: renderCommentsMarkdown(bodies) };
}

/** Plain text from a title or name that may hold HTML entities (`&#8217;`, `&amp;`). */
export function plainText(value: string): string {
  return decodeHTML(value).replace(/\s+/g, ' ').trim();
}

function decodedSlug(value: string): string {
  let v = value;
  try {
    v = decodeURIComponent(value);
  } catch {
    /* kept as written */
  }
  return v.normalize('NFC').trim();
}

/**
 * An article's slug from an imported one: WordPress percent-encodes non-ASCII slugs
 * (`%d0%bf%d1%80…`), decoded here and kept in their script (`привет-мир`), as
 * articleSlug does with titles; URLs carry it percent-encoded. '' when nothing is left.
 */
export function importedSlug(value: string): string {
  const v = decodedSlug(value);
  if (!v) return '';
  const slug = articleSlug(v);
  return slug === 'article' && !/article/i.test(v) ? '' : slug;
}

/**
 * A section's or tag's slug from an imported one (a category's nicename): decoded, then
 * written in Latin letters by the transliteration library (`новости` → `novosti`), since
 * section and tag slugs are ASCII (SLUG_RE). '' when nothing is left.
 */
export function importedTermSlug(value: string): string {
  const v = decodedSlug(value);
  if (!v) return '';
  const slug = slugify(transliterate(v));
  return slug === 'article' && !/article/i.test(v) ? '' : slug;
}

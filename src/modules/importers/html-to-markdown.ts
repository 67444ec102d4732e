import { decodeHTML } from 'entities';
import TurndownService from 'turndown';
import { sanitizeArticleHtml } from '../../web/markdown';

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });

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
  if (BLOCK_TAG.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>`)
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

/** Plain text from a title or name that may hold HTML entities (`&#8217;`, `&amp;`). */
export function plainText(value: string): string {
  return decodeHTML(value).replace(/\s+/g, ' ').trim();
}

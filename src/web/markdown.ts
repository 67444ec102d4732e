import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in Markdown is escaped (html: false); the output is sanitized again as a second wall.
const articleMd = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const commentMd = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'paragraph',
  'newline',
  'emphasis',
  'blockquote',
  'link',
  'linkify',
  'escape',
  'backticks',
]);

const ARTICLE_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'em', 'strong', 'a', 'code', 'pre', 'hr', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
};

const COMMENT_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'blockquote', 'em', 'strong', 'a', 'code'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }) },
};

const rendered = new Map<string, string>();
const RENDER_CACHE_SIZE = 200;

/** An article's Markdown as safe HTML; the last few hundred bodies are remembered (same text, same HTML). */
export function renderArticleMarkdown(md: string): string {
  const hit = rendered.get(md);
  if (hit !== undefined) return hit;
  const html = sanitizeHtml(articleMd.render(md), ARTICLE_POLICY);
  if (rendered.size >= RENDER_CACHE_SIZE) {
    const oldest = rendered.keys().next().value;
    if (oldest !== undefined) rendered.delete(oldest);
  }
  rendered.set(md, html);
  return html;
}

/** A comment's text as safe HTML: paragraphs, line breaks, links, quotes, emphasis, code. */
export function renderCommentMarkdown(text: string): string {
  return sanitizeHtml(commentMd.render(text), COMMENT_POLICY);
}

// markdown-it turns NUL into U+FFFD (its `normalize` rule), so no rendered comment holds one.
const APART = '\0';

/**
 * Many comments' texts as safe HTML, each exactly as renderCommentMarkdown gives it (a bulk
 * import): sanitize-html spends most of a short comment's time setting itself up, so the
 * rendered comments are sanitized in one call, kept apart by a NUL. Texts repeated in the
 * list are rendered once.
 */
export function renderCommentsMarkdown(texts: readonly string[]): string[] {
  const distinct = [...new Set(texts)];
  const rendered = distinct.map((t) => commentMd.render(t));
  let safe = rendered.some((h) => h.includes(APART)) ? [] : sanitizeHtml(rendered.join(APART), COMMENT_POLICY).split(APART);
  if (safe.length !== distinct.length) safe = rendered.map((h) => sanitizeHtml(h, COMMENT_POLICY));
  const byText = new Map(distinct.map((t, i) => [t, safe[i] ?? '']));
  return texts.map((t) => byText.get(t) ?? '');
}

/** Sanitizes imported HTML (WordPress block content) to the article policy. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, ARTICLE_POLICY);
}

/** Plain text of some HTML (for summaries, feeds, search). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}

/** The plain text of the first paragraph of an article's Markdown that has any (markdown-it's own tokens; '' when none). */
export function firstParagraphText(md: string): string {
  const tokens = articleMd.parse(md, {});
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i]?.type !== 'paragraph_open') continue;
    const parts = (tokens[i + 1]?.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : ''));
    const text = parts.join('').replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return '';
}

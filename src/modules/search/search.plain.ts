import MarkdownIt from 'markdown-it';

// Same reading of Markdown as the article pages (raw HTML is text, never markup).
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

type Token = ReturnType<typeof md.parse>[number];

function inlineText(children: Token[] | null): string {
  let out = '';
  for (const c of children ?? []) {
    if (c.type === 'text' || c.type === 'code_inline' || c.type === 'html_inline') out += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') out += ' ';
    else if (c.type === 'image') out += inlineText(c.children);
  }
  return out;
}

/**
 * The readable text of an article's Markdown, one block a line, entities decoded
 * (markdown-it's own tokens, no HTML round trip): what is indexed and what snippets show.
 */
export function markdownToText(markdown: string): string {
  const blocks: string[] = [];
  for (const t of md.parse(markdown, {})) {
    if (t.type === 'inline') blocks.push(inlineText(t.children));
    else if (t.type === 'fence' || t.type === 'code_block' || t.type === 'html_block') blocks.push(t.content.trim());
  }
  return blocks.filter(Boolean).join('\n');
}

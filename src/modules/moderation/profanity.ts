import { createRequire } from 'node:module';
import { foldText } from './classifier/features';

/**
 * Crude and abusive words in French and English from the maintained
 * `naughty-words` package (the List of Dirty, Naughty, Obscene and Otherwise Bad
 * Words). A hit alone does not hold a comment (readers swear without insulting
 * anyone): it is a feature of the toxicity model and a reason shown to moderators.
 */
let lists: { single: Set<string>; phrases: string[] } | undefined;

function load(): { single: Set<string>; phrases: string[] } {
  if (lists) return lists;
  const require = createRequire(import.meta.url);
  const all = [...(require('naughty-words/fr.json') as string[]), ...(require('naughty-words/en.json') as string[])].map((w) => foldText(w.trim())).filter(Boolean);
  lists = { single: new Set(all.filter((w) => !w.includes(' '))), phrases: all.filter((w) => w.includes(' ')) };
  return lists;
}

/** The listed words and phrases found in a text (folded, whole words). */
export function findProfanity(text: string): string[] {
  const { single, phrases } = load();
  const folded = foldText(text);
  const found = new Set<string>();
  for (const w of folded.match(/[\p{L}\p{N}]+/gu) ?? []) if (single.has(w)) found.add(w);
  const spaced = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const p of phrases) if (spaced.includes(` ${p} `)) found.add(p);
  return [...found];
}

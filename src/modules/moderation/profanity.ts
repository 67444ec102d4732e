import { createRequire } from 'node:module';
import { foldText } from './classifier/features';
import { rememberRecent } from './classifier/recent';

/**
 * Crude and abusive words in French and English from the maintained
 * `naughty-words` package (the List of Dirty, Naughty, Obscene and Otherwise Bad
 * Words). A hit alone does not hold a comment (readers swear without insulting
 * anyone): it is a feature of the toxicity model and a reason shown to moderators.
 */
/** A listed phrase and its first word (a phrase can only be in a text that has its first word). */
interface Phrase {
  text: string;
  first: string;
}

let lists: { single: Set<string>; phrases: Phrase[] } | undefined;

function load(): { single: Set<string>; phrases: Phrase[] } {
  if (lists) return lists;
  const require = createRequire(import.meta.url);
  const all = [...(require('naughty-words/fr.json') as string[]), ...(require('naughty-words/en.json') as string[])].map((w) => foldText(w.trim())).filter(Boolean);
  const phrases = all.filter((w) => w.includes(' ')).map((text) => ({ text, first: text.slice(0, text.indexOf(' ')) }));
  lists = { single: new Set(all.filter((w) => !w.includes(' '))), phrases };
  return lists;
}

function find(text: string): readonly string[] {
  const { single, phrases } = load();
  const folded = foldText(text);
  const found = new Set<string>();
  const words = new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
  for (const w of words) if (single.has(w)) found.add(w);
  const spaced = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  // The text's words are separated by single spaces in `spaced`: a phrase whose first word it
  // lacks (or whose first word holds anything else) cannot be in it.
  for (const p of phrases) if (words.has(p.first) && spaced.includes(` ${p.text} `)) found.add(p.text);
  return Object.freeze([...found]);
}

/** The listed words and phrases found in a text (folded, whole words), worked out once per text (three phases ask). */
export const findProfanity: (text: string) => readonly string[] = rememberRecent(256, find);

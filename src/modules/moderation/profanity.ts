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

interface Lists {
  single: Set<string>;
  phrases: Phrase[];
  /** A first word → the positions in `phrases` of the phrases it starts. */
  byFirst: Map<string, number[]>;
}

let lists: Lists | undefined;

function load(): Lists {
  if (lists) return lists;
  const require = createRequire(import.meta.url);
  const all = [...(require('naughty-words/fr.json') as string[]), ...(require('naughty-words/en.json') as string[])].map((w) => foldText(w.trim())).filter(Boolean);
  const phrases = all.filter((w) => w.includes(' ')).map((text) => ({ text, first: text.slice(0, text.indexOf(' ')) }));
  const byFirst = new Map<string, number[]>();
  phrases.forEach((p, i) => {
    const list = byFirst.get(p.first);
    if (list) list.push(i);
    else byFirst.set(p.first, [i]);
  });
  lists = { single: new Set(all.filter((w) => !w.includes(' '))), phrases, byFirst };
  return lists;
}

function find(text: string): readonly string[] {
  const { single, phrases, byFirst } = load();
  const folded = foldText(text);
  const found = new Set<string>();
  const words = new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
  const candidates: number[] = [];
  for (const w of words) {
    if (single.has(w)) found.add(w);
    const starting = byFirst.get(w);
    if (starting) candidates.push(...starting);
  }
  if (candidates.length === 0) return Object.freeze([...found]);
  const spaced = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  // The text's words are separated by single spaces in `spaced`: a phrase whose first word it
  // lacks (or whose first word holds anything else) cannot be in it. The others, in the list's order.
  candidates.sort((a, b) => a - b);
  for (const i of candidates) {
    const p = phrases[i] as Phrase;
    if (spaced.includes(` ${p.text} `)) found.add(p.text);
  }
  return Object.freeze([...found]);
}

/** The listed words and phrases found in a text (folded, whole words), worked out once per text (three phases ask). */
export const findProfanity: (text: string) => readonly string[] = rememberRecent(256, find);

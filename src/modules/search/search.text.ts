import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as frenchStopwords } from '@orama/stopwords/french';

/** Languages whose words are stemmed; any other language is indexed as French, the site's reference. */
export const SEARCH_LANGS = ['fr', 'en'] as const;
export type SearchLang = (typeof SEARCH_LANGS)[number];

const STEMMERS: Record<SearchLang, (word: string) => string> = { fr: frenchStemmer, en: englishStemmer };

/** The stemming language of an article's `lang`. */
export function searchLang(lang: string): SearchLang {
  return lang === 'en' ? 'en' : 'fr';
}

// Letters and digits; everything else (spaces, punctuation, the apostrophe of "l’armée") separates words.
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
// The ligatures NFD leaves whole, folded as PostgreSQL's unaccent folds them.
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** Lower case without accents: "Défense" → "defense", "Cœur" → "coeur". */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c);
}

// Snowball's stop words (PostgreSQL's french and english configurations drop the same):
// "de", "la", "the" are in every article, so they find nothing and cost a full scan.
const STOPWORDS: Record<SearchLang, Set<string>> = {
  fr: new Set(frenchStopwords.map(fold)),
  en: new Set(englishStopwords.map(fold)),
};

/**
 * The index term of a word: folded first ("Hélicoptères" → "helicopteres"), then stemmed
 * in its language ("helicopter"), as PostgreSQL's unaccent-then-stem configurations do.
 * Folding first means a word typed without its accents always meets the same stem.
 * A stop word has no term: ''.
 */
export function term(word: string, lang: SearchLang): string {
  const memo = MEMO[lang];
  let t = memo.get(word);
  if (t === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    const folded = fold(word);
    t = STOPWORDS[lang].has(folded) ? '' : STEMMERS[lang](folded);
    memo.set(word, t);
  }
  return t;
}

// Stemming costs ~10 µs a word, and a language's texts reuse a few tens of thousands of
// words: remembering them makes indexing and snippets several times faster.
// Module-level on purpose, not in Deps: it memoises a pure function (same word, same term,
// whatever the app, database or test), holds no state of a request or a connection, and is
// bounded (cleared when full), so sharing it between apps of one process is safe.
const MEMO_SIZE = 200_000;
const MEMO: Record<SearchLang, Map<string, string>> = { fr: new Map(), en: new Map() };

/** Every word of a text with its place, for highlighting. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The index terms of a text, space-separated (what the FTS5 index stores). */
export function terms(text: string, lang: SearchLang): string {
  return (text.match(WORD) ?? [])
    .map((w) => term(w, lang))
    .filter(Boolean)
    .join(' ');
}

/** At most this many words of a query count; the rest is ignored. */
export const MAX_QUERY_WORDS = 12;

/** The words of a reader's query (unique, in order, at most MAX_QUERY_WORDS). */
export function queryWords(q: string): string[] {
  return [...new Set((q.match(WORD) ?? []).map((w) => w.toLowerCase()))].slice(0, MAX_QUERY_WORDS);
}

/** A query's terms in each language (a query may be read as French or as English). */
export function queryTerms(q: string): Record<SearchLang, string[]> {
  const ws = queryWords(q);
  const of = (lang: SearchLang) => [...new Set(ws.map((w) => term(w, lang)).filter(Boolean))];
  return { fr: of('fr'), en: of('en') };
}

/**
 * Features of a comment for the statistical models: words, character 3- and
 * 4-grams of the words, and a few shape signals (links, shouting, digits).
 * Text is folded (case and accents) first, so "Génial" and "genial" agree.
 */

import { rememberRecent } from './recent';

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words are folded again and again (readability checks each); a text several times (profanity, harm lexicon, repeat hash). */
const foldWord = rememberRecent(8192, fold);
const foldWhole = rememberRecent(256, fold);
const WORD_LENGTH = 40;

/** Folds case and accents. */
export function foldText(s: string): string {
  return s.length <= WORD_LENGTH ? foldWord(s) : foldWhole(s);
}

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ly|me|io|tk|ru|fr|co)\b\S*/gi;

/** The words of a text, folded; links become one `__url__` token. */
export function words(text: string): string[] {
  return foldText(text.replace(URL_RE, ' __url__ ')).match(/__url__|[\p{L}\p{N}]+/gu) ?? [];
}

/** A sparse, L2-normalised feature vector: feature name → value. */
export type FeatureVector = Map<string, number>;

/** The shape signals of a text, each handed to `out` (a map of features, its value set later). */
function shape(text: string, out: FeatureVector): void {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  if (letters >= 12 && upper / letters > 0.6) out.set('m:shout', 0);
  if (/https?:\/\/|www\./i.test(text)) out.set('m:link', 0);
  if (/\S+@\S+\.\w+/.test(text)) out.set('m:email', 0);
  if ((text.match(/!/g)?.length ?? 0) >= 3) out.set('m:bangs', 0);
  if (/\d{5,}/.test(text)) out.set('m:longnum', 0);
  if (/[$€£]\s?\d|\d\s?[$€£]/.test(text)) out.set('m:money', 0);
  const len = text.length;
  out.set(`m:len${len < 20 ? 0 : len < 60 ? 1 : len < 150 ? 2 : len < 400 ? 3 : 4}`, 0);
}

/**
 * A word's own features, in the order `featurize` adds them: `w:word`, then its character 3-
 * and 4-grams (none for a link or a word over 30 letters). Words repeat from one comment to
 * the next: the same strings, built once, their hashes already known to every map.
 */
const wordFeatures = rememberRecent(8192, (w: string): readonly string[] => {
  const out = [`w:${w}`];
  if (w !== '__url__' && w.length <= 30) {
    const padded = ` ${w} `;
    for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= padded.length; j++) out.push(`c:${padded.slice(j, j + n)}`);
  }
  return Object.freeze(out);
});

/**
 * Where the features of a vector made by `featurize` came from, in the vector's order. Most are
 * a word's own (`wordFeatures`: one list shared by every text with that word, while the word is
 * in use), so a model can look a word's weights up once and keep them for the next texts
 * (logistic.ts, `sealWeights`) rather than look up each of a comment's ~230 features.
 */
export interface FeatureOrigins {
  /** The word lists the features came from, each once, in the order first used. */
  lists: (readonly string[])[];
  /** For each feature of the vector, in order: its list's number × 64 plus its place in the list; -1 for the others (markers, word pairs, shape signals). */
  slots: number[];
}

/** A word's own features fit in 64 places (`w:` plus its 3- and 4-grams: at most 62, for 30 letters). */
export const ORIGIN_LIST_SHIFT = 6;

const origins = new WeakMap<ReadonlyMap<string, number>, FeatureOrigins>();

/** The origins of a vector `featurize` made (undefined for any other map, a copy included). */
export function originsOf(x: ReadonlyMap<string, number>): FeatureOrigins | undefined {
  return origins.get(x);
}

/** The feature vector of a text (binary presence, then L2-normalised); markers are extra named features. */
export function featurize(text: string, markers: readonly string[] = []): FeatureVector {
  // Each feature once, in the order first seen (setting a name again keeps its place); the
  // value, the same for all, once they are counted. Beside it, where each new feature came from.
  const v: FeatureVector = new Map();
  const lists: (readonly string[])[] = [];
  const slots: number[] = [];
  let size = 0;
  for (const m of markers) {
    v.set(m, 0);
    if (v.size > size) slots.push(-1);
    size = v.size;
  }
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    const own = wordFeatures(w);
    // The word, then the pair it ends, then its letters: the order the vector has always had.
    let list = -1;
    v.set(own[0] as string, 0);
    if (v.size > size) {
      list = lists.push(own) - 1;
      slots.push(list << ORIGIN_LIST_SHIFT);
    }
    size = v.size;
    if (i > 0) {
      v.set(`b:${ws[i - 1]}_${w}`, 0);
      if (v.size > size) slots.push(-1);
      size = v.size;
    }
    for (let k = 1; k < own.length; k++) {
      v.set(own[k] as string, 0);
      if (v.size === size) continue;
      size = v.size;
      if (list < 0) list = lists.push(own) - 1;
      slots.push((list << ORIGIN_LIST_SHIFT) | k);
    }
  }
  const before = v.size;
  shape(text, v);
  for (let k = before; k < v.size; k++) slots.push(-1);
  const norm = v.size > 0 ? 1 / Math.sqrt(v.size) : 0;
  for (const f of v.keys()) v.set(f, norm);
  origins.set(v, { lists, slots });
  return v;
}

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

function shape(text: string, out: Set<string>): void {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  if (letters >= 12 && upper / letters > 0.6) out.add('m:shout');
  if (/https?:\/\/|www\./i.test(text)) out.add('m:link');
  if (/\S+@\S+\.\w+/.test(text)) out.add('m:email');
  if ((text.match(/!/g)?.length ?? 0) >= 3) out.add('m:bangs');
  if (/\d{5,}/.test(text)) out.add('m:longnum');
  if (/[$€£]\s?\d|\d\s?[$€£]/.test(text)) out.add('m:money');
  const len = text.length;
  out.add(`m:len${len < 20 ? 0 : len < 60 ? 1 : len < 150 ? 2 : len < 400 ? 3 : 4}`);
}

/** The feature vector of a text (binary presence, then L2-normalised); markers are extra named features. */
export function featurize(text: string, markers: readonly string[] = []): FeatureVector {
  const set = new Set<string>(markers);
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    set.add(`w:${w}`);
    if (i > 0) set.add(`b:${ws[i - 1]}_${w}`);
    if (w === '__url__' || w.length > 30) continue;
    const padded = ` ${w} `;
    for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= padded.length; j++) set.add(`c:${padded.slice(j, j + n)}`);
  }
  shape(text, set);
  const v: FeatureVector = new Map();
  const norm = set.size > 0 ? 1 / Math.sqrt(set.size) : 0;
  for (const f of set) v.set(f, norm);
  return v;
}

import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { clean } from 'trigram-utils';

/**
 * franc's answer (franc-min), for less work. franc scores a text against every
 * language of its top script by looking each of the text's trigrams up in each
 * language's dictionary (44 for Latin). This module is an index over franc's own
 * data, built once per script: trigram → its rank in every language of the script
 * (-1 when absent), so a text costs one Map lookup per trigram (by a small integer
 * for Latin's), counted in typed arrays kept from one text to the next, then a loop
 * over a typed array. Text without a character of another script skips franc's
 * count of every script. franc stays the reference (language.test.ts checks the answers are
 * its answers); the rare cases it answers without dictionaries go to franc itself.
 */

/** franc's constants (node_modules/franc-min/index.js). */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

interface ScriptIndex {
  /** The script's languages, in franc's data order (the order its stable sort keeps for ties). */
  languages: string[];
  /** Trigram of three code units under 1,024 (Latin's, accents included) → its number in `ranks`, by `smallKey`: no string made. */
  smallIds: Map<number, number>;
  /** The other trigrams → their numbers in `ranks`. */
  ids: Map<string, number>;
  /** Row by trigram number, a column by language: the trigram's rank (0 = most frequent), -1 when the language lacks it. */
  ranks: Int16Array;
  /** Work space of `closest`, kept (it runs to the end without yielding): each trigram's count in the text, zero between texts. */
  counts: Int32Array;
  /** Work space: the numbers of the trigrams counted in the text, in the order first seen. */
  seen: Int32Array;
  /** Work space: the distance to each language. */
  distances: Float64Array;
}

const indexes = new Map<string, ScriptIndex>();

/** The index of a script of franc's data, built on first use. */
function indexOf(script: string, models: Record<string, string>): ScriptIndex {
  let index = indexes.get(script);
  if (index) return index;
  const languages = Object.keys(models);
  const rows = new Map<string, Int16Array>();
  languages.forEach((language, i) => {
    const model = (models[language] as string).split('|');
    // Backwards like franc, so a trigram listed twice keeps its first (lowest) rank.
    for (let rank = model.length - 1; rank >= 0; rank--) {
      const trigram = model[rank] as string;
      let row = rows.get(trigram);
      if (!row) rows.set(trigram, (row = new Int16Array(languages.length).fill(-1)));
      row[i] = rank;
    }
  });
  const smallIds = new Map<number, number>();
  const ids = new Map<string, number>();
  const ranks = new Int16Array(rows.size * languages.length);
  let id = 0;
  for (const [trigram, row] of rows) {
    ranks.set(row, id * languages.length);
    const key = trigram.length === 3 ? smallKey(trigram, 0) : -1;
    if (key >= 0) smallIds.set(key, id);
    else ids.set(trigram, id);
    id++;
  }
  index = { languages, smallIds, ids, ranks, counts: new Int32Array(rows.size), seen: new Int32Array(rows.size), distances: new Float64Array(languages.length) };
  indexes.set(script, index);
  return index;
}

/** Three code units from `at`, each under 1,024, as one small integer; -1 when one is not. */
function smallKey(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : -1;
}

const SCRIPTS = Object.entries(expressions);

/** One character of any script but Latin (no `g`: a test, no list of matches). */
const NOT_LATIN = new RegExp(
  SCRIPTS.filter(([script]) => script !== 'Latin')
    .map(([, expression]) => expression.source)
    .join('|'),
);
/** One Latin letter (franc names its script `Latin`; without it, no shortcut). */
const LATIN = expressions.Latin ? new RegExp(expressions.Latin.source) : undefined;

/**
 * franc's getTopScript: the first script, in `expressions` order, with the strictly highest share
 * (the share is only told apart from 0). A text with no character of another script than Latin
 * (most comments here) is Latin's as soon as it has one Latin letter, and otherwise every share
 * is 0 and the first script is franc's answer: two tests, nothing counted.
 */
function topScript(value: string): [string | undefined, number] {
  if (LATIN && !NOT_LATIN.test(value)) return LATIN.test(value) ? ['Latin', 1] : [SCRIPTS[0]?.[0], 0];
  let top: string | undefined;
  let topCount = -1;
  for (const [script, expression] of SCRIPTS) {
    const count = (value.match(expression)?.length ?? 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
}

/**
 * franc's getDistances + sort + [0][0]: the first language, in data order, with the least distance.
 * The text's trigrams are trigram-utils' asTuples (the text cleaned by its `clean`, padded with a
 * space, every 3 code units), counted in the index's work space rather than in a map of their own.
 */
function closest(value: string, index: ScriptIndex): string {
  const { languages, smallIds, ids, ranks, counts, seen, distances } = index;
  const padded = ` ${clean(value)} `;
  let n = 0;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const key = smallKey(padded, i);
    const id = key >= 0 ? smallIds.get(key) : ids.get(padded.slice(i, i + 3));
    // A trigram no language has adds MAX_DIFFERENCE to every language: it changes no ranking.
    if (id === undefined) continue;
    if ((counts[id] as number) === 0) seen[n++] = id;
    counts[id] = (counts[id] as number) + 1;
  }
  const width = languages.length;
  distances.fill(0);
  // Whole numbers added: the order of the sums changes none of them.
  for (let k = 0; k < n; k++) {
    const id = seen[k] as number;
    const count = counts[id] as number;
    counts[id] = 0;
    for (let i = 0, at = id * width; i < width; i++, at++) {
      const rank = ranks[at] as number;
      // franc's getDistance: |count - rank - 1|, or MAX_DIFFERENCE when the language lacks the trigram.
      distances[i] = (distances[i] as number) + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1));
    }
  }
  let best = 0;
  for (let i = 1; i < width; i++) if ((distances[i] as number) < (distances[best] as number)) best = i;
  return languages[best] as string;
}

/** Exactly `franc(text, { minLength })`: ISO 639-3 code, `und` when unsure. */
export function detectLanguage(text: string, options: { minLength: number }): string {
  if (!text || text.length < options.minLength) return 'und';
  const value = text.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  const models = script === undefined ? undefined : data[script];
  // No text of a script franc has dictionaries for: franc's own answer (a single-language script, or `und`).
  if (!models || share === 0) return franc(text, options);
  return closest(value, indexOf(script as string, models));
}

/** Builds the indexes now (at start-up) rather than on the first comment of each script. */
export function warmUpLanguage(): void {
  for (const [script, models] of Object.entries(data)) indexOf(script, models);
}

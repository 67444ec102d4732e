import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

/**
 * franc's language of a text (`franc(text, { minLength })` of franc-min, the same answer),
 * worked out with franc's own data in a quicker way: franc looks each of the text's
 * trigrams up in every language's table (an object per language, ~10,000 look-ups for a
 * comment, a tenth of a comment's CPU on the write path); here one look-up per trigram
 * gives its rank in every language at once. What franc does is kept step by step: its
 * text cleaning, trigram counts, script choice, distance (a trigram absent from a
 * language costs 300, else |count − rank − 1|) and the first language of the smallest
 * distance in franc's order (its sort is stable). The test compares both on every
 * labelled comment and on generated text (language.test.ts).
 */

/** franc's limits: texts are cut to MAX_LENGTH; a trigram a language lacks costs MAX_DIFFERENCE. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** The languages of a script, in franc's order, and each trigram's rank in each of them (−1: absent). */
interface ScriptTable {
  languages: string[];
  ranks: Map<string, Int16Array>;
}

let tables: Map<string, ScriptTable> | undefined;

function load(): Map<string, ScriptTable> {
  if (tables) return tables;
  tables = new Map();
  for (const [script, models] of Object.entries(data)) {
    const languages = Object.keys(models);
    const ranks = new Map<string, Int16Array>();
    languages.forEach((language, i) => {
      const model = (models[language] as string).split('|');
      // franc fills its table from the last rank down: a trigram listed twice keeps its first rank.
      for (let weight = model.length - 1; weight >= 0; weight--) {
        const trigram = model[weight] as string;
        let row = ranks.get(trigram);
        if (!row) ranks.set(trigram, (row = new Int16Array(languages.length).fill(-1)));
        row[i] = weight;
      }
    });
    tables.set(script, { languages, ranks });
  }
  return tables;
}

/** franc's script of a text: the first with the largest share of matching characters. */
function topScript(value: string): [string | undefined, number] {
  let topCount = -1;
  let top: string | undefined;
  for (const [script, expression] of Object.entries(expressions)) {
    const count = (value.match(expression)?.length ?? 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
}

/** trigram-utils' `asDictionary`: the trigrams of the cleaned text (digits and ASCII punctuation out, spaces collapsed, lower case), counted. */
function trigramCounts(value: string): Map<string, number> {
  const clean = value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  const padded = ` ${clean} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const t = padded.slice(i, i + 3);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** The language franc-min names for a text, `und` when it cannot tell (see the module's comment). */
export function detectLanguage(text: string, minLength = 10): string {
  if (!text || text.length < minLength) return 'und';
  const value = text.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  const table = script === undefined ? undefined : load().get(script);
  if (!table) return script === undefined || share === 0 ? 'und' : script;
  const { languages, ranks } = table;
  const distances = new Float64Array(languages.length);
  for (const [trigram, count] of trigramCounts(value)) {
    const row = ranks.get(trigram);
    for (let i = 0; i < languages.length; i++) {
      const rank = row ? (row[i] as number) : -1;
      distances[i] = (distances[i] as number) + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1));
    }
  }
  let best = 0;
  for (let i = 1; i < languages.length; i++) if ((distances[i] as number) < (distances[best] as number)) best = i;
  return languages[best] as string;
}

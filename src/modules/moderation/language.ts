import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { clean } from 'trigram-utils';

/**
 * franc's answer (franc-min), for less work. franc scores a text against every
 * language of its top script by looking each of the text's trigrams up in each
 * language's dictionary (44 for Latin). This module is an index over franc's own
 * data, built once per script: trigram → its rank in every language of the script
 * (-1 when absent), so a text costs one Map lookup per trigram, then a loop over a
 * typed array. franc stays the reference (language.test.ts checks the answers are
 * its answers); the rare cases it answers without dictionaries go to franc itself.
 */

/** franc's constants (node_modules/franc-min/index.js). */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

interface ScriptIndex {
  /** The script's languages, in franc's data order (the order its stable sort keeps for ties). */
  languages: string[];
  /** Trigram → its rank (0 = most frequent) in each language, -1 when the language lacks it. */
  ranks: Map<string, Int16Array>;
}

const indexes = new Map<string, ScriptIndex>();

/** The index of a script of franc's data, built on first use. */
function indexOf(script: string, models: Record<string, string>): ScriptIndex {
  let index = indexes.get(script);
  if (index) return index;
  const languages = Object.keys(models);
  const ranks = new Map<string, Int16Array>();
  languages.forEach((language, i) => {
    const model = (models[language] as string).split('|');
    // Backwards like franc, so a trigram listed twice keeps its first (lowest) rank.
    for (let rank = model.length - 1; rank >= 0; rank--) {
      const trigram = model[rank] as string;
      let row = ranks.get(trigram);
      if (!row) ranks.set(trigram, (row = new Int16Array(languages.length).fill(-1)));
      row[i] = rank;
    }
  });
  index = { languages, ranks };
  indexes.set(script, index);
  return index;
}

/** franc's getTopScript: the first script, in `expressions` order, with the strictly highest share. */
function topScript(value: string): [string | undefined, number] {
  let top: string | undefined;
  let topCount = -1;
  for (const [script, expression] of Object.entries(expressions)) {
    const count = (value.match(expression)?.length ?? 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
}

/**
 * trigram-utils' asTuples (franc's trigrams of a text and their counts: the text cleaned
 * by its `clean`, padded with a space, every 3 code units) without the array of
 * substrings, the tuples and their sort: the order changes no sum.
 */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${clean(value)} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const trigram = padded.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** franc's getDistances + sort + [0][0]: the first language, in data order, with the least distance. */
function closest(value: string, { languages, ranks }: ScriptIndex): string {
  const distances = new Float64Array(languages.length);
  const counts = trigramCounts(value);
  const values = counts.values();
  // Keys and values side by side: no [trigram, count] array per trigram (see classifier/logistic.ts).
  for (const trigram of counts.keys()) {
    const count = values.next().value as number;
    const row = ranks.get(trigram);
    // A trigram no language has adds MAX_DIFFERENCE to every language: it changes no ranking.
    if (!row) continue;
    for (let i = 0; i < row.length; i++) {
      const rank = row[i] as number;
      // franc's getDistance: |count - rank - 1|, or MAX_DIFFERENCE when the language lacks the trigram.
      distances[i] = (distances[i] as number) + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1));
    }
  }
  let best = 0;
  for (let i = 1; i < distances.length; i++) if ((distances[i] as number) < (distances[best] as number)) best = i;
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

import nspell from 'nspell';
import { foldText } from '../../src/modules/moderation/classifier/features';

const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu', 'quelqu']);

/**
 * Every form a Hunspell dictionary accepts, as nspell expands it, folded, with
 * also without their elided prefixes (l', qu'…): the known-word list of the unreadable-text check.
 */
export async function expandDictionary(pkg: 'dictionary-fr' | 'dictionary-en'): Promise<string[]> {
  const dict = ((await import(pkg)) as { default: { aff: Uint8Array; dic: Uint8Array } }).default;
  const spell = nspell({ aff: Buffer.from(dict.aff), dic: Buffer.from(dict.dic) }) as unknown as { data: Record<string, unknown> };
  const set = new Set<string>();
  for (const form of Object.keys(spell.data)) {
    const cut = form.lastIndexOf("'");
    // French elisions (l'homme, qu'il) are kept as the word alone; other forms whole (aujourd'hui, isn't).
    const w = cut > 0 && ELISIONS.has(foldText(form.slice(0, cut))) ? form.slice(cut + 1) : form;
    if (w) set.add(foldText(w));
  }
  return [...set].sort();
}

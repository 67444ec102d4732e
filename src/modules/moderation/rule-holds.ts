import { countLinks } from './phases/rules';
import { UNREADABLE_SHARE } from './phases/content';
import { measureReadability, unreadableCall } from './readability';

/** The default of the `maxLinks` setting, for the shipped calibration. */
export const DEFAULT_MAX_LINKS = 2;

/**
 * Whether the phases that judge the text by rule (unreadable, links) hold it,
 * whatever the models say. The false-hold budget covers the whole pipeline, so
 * the calibration counts such a legitimate comment as held before any model
 * spends its share (classifier/calibration.ts `RULE_HELD_SCORE`): at training
 * time on the training part's legitimate comments, on a site on its own.
 * (`repeat` and the traps depend on the stream, not the text: not counted.)
 */
export function heldByTextRules(text: string, maxLinks = DEFAULT_MAX_LINKS): boolean {
  if (maxLinks > 0 && countLinks(text) >= maxLinks) return true;
  return unreadableCall(measureReadability(text), UNREADABLE_SHARE) === 'hold';
}

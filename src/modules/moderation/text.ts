import { createHash } from 'node:crypto';
import { foldText } from './classifier/features';
import { rememberRecent } from './classifier/recent';

/** Folds case and accents, for word lists. */
export const fold = foldText;

/**
 * Hash of a text with case, accents, punctuation and spacing folded away: "Super !" repeats "super".
 * Worked out once per text (the repeat phase asks, then the comment's row stores it).
 */
export const bodyHash: (text: string) => string = rememberRecent(256, (text) => {
  const norm = fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return createHash('sha256').update(norm).digest('base64url').slice(0, 32);
});

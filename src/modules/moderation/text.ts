import { createHash } from 'node:crypto';
import { foldText } from './classifier/features';

/** Folds case and accents, for word lists. */
export const fold = foldText;

/** Hash of a text with case, accents, punctuation and spacing folded away: "Super !" repeats "super". */
export function bodyHash(text: string): string {
  const norm = fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return createHash('sha256').update(norm).digest('base64url').slice(0, 32);
}

import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';

/** argon2id with OWASP's parameters (19 MiB, t=2, p=1). */
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Verifies; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so both answers take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('palabre-no-such-account-placeholder');
  return dummy;
}

/**
 * zxcvbn's score (0–4) below which a password is refused: 3 means about 10^8 guesses
 * or more. Common passwords (`password123`, `qwertyuiop`, `motdepasse`), keyboard
 * walks, repeats and dates score lower; four ordinary words score 4.
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * Whether a password is too easy to guess, by zxcvbn-ts with its common dictionary
 * (the most used passwords from leaks, common words and names); `context` holds the
 * account's own words (email, name), which a guesser would try first.
 */
export function isGuessablePassword(password: string, context: string[] = []): boolean {
  // Built on first use: the dictionaries take a moment to load.
  estimator ??= new ZxcvbnFactory({ dictionary: { ...zxcvbnCommon.dictionary }, graphs: zxcvbnCommon.adjacencyGraphs });
  // zxcvbn only looks at the first 256 characters (and a long password is not a common one).
  return estimator.check(password.slice(0, 256), context).score < MIN_PASSWORD_SCORE;
}

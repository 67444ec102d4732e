import type { NamedPhase } from './pipeline';
import { spam, profanity, toxicity, unreadable } from './phases/content';
import { banned, closed, length } from './phases/refusals';
import { blockWords, firstTime, holdWords, links, preModeration, staff } from './phases/rules';
import { flood, formToken, honeypot, repeat, slowMode } from './phases/traps';

export { MAX_LENGTH, MIN_LENGTH } from './phases/refusals';
export { fold } from './text';
export { matchWord } from './phases/rules';

/**
 * THE moderation policy: the ordered phases every new comment passes. A phase
 * may say nothing, add reasons and scores, replace the body, decide a status
 * (which ends the run) or throw an error the commenter is shown.
 */
export const PHASES: readonly NamedPhase[] = [
  // — Refusals the commenter is told about —
  { name: 'closed', run: closed },
  { name: 'length', run: length },
  { name: 'banned', run: banned },

  // — Staff are trusted —
  { name: 'staff', run: staff },

  // — The article's slow mode (before the traps: a held form still counts as a post) —
  { name: 'slow-mode', run: slowMode },

  // — Bot traps of the HTML form —
  { name: 'honeypot', run: honeypot },
  { name: 'form-token', run: formToken },

  // — Flood and repeats —
  { name: 'flood', run: flood },
  { name: 'repeat', run: repeat },

  // — The newsroom's own rules (WordPress: disallowed_keys, moderation_keys, comment_max_links) —
  { name: 'block-words', run: blockWords },
  { name: 'hold-words', run: holdWords },
  { name: 'links', run: links },

  // — What the text says —
  { name: 'profanity', run: profanity },
  { name: 'unreadable', run: unreadable },
  { name: 'spam', run: spam },
  { name: 'toxicity', run: toxicity },

  // — Modes that hold for a human (per-article override first) —
  { name: 'pre-moderation', run: preModeration },
  { name: 'first-time', run: firstTime },
];

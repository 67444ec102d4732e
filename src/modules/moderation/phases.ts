import { CommentsClosedError, ValidationError } from '../../web/errors';
import { isStaff } from '../accounts/account';
import type { NamedPhase } from './pipeline';
import { isDiscussionOpen } from './settings';

export const MIN_LENGTH = 2;
export const MAX_LENGTH = 5000;

/** Folds case and accents, for word lists. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\.[a-z0-9-]+\.[a-z]{2,}/gi) ?? []).length;
}

/** Whole-word, case- and accent-insensitive match of any listed word in any of the texts. */
export function matchWord(list: readonly string[], texts: readonly string[]): string | undefined {
  const hay = texts.map(fold);
  for (const w of list) {
    const needle = fold(w.trim());
    if (!needle) continue;
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u');
    if (hay.some((h) => re.test(h))) return w;
  }
  return undefined;
}

/**
 * THE moderation policy: the ordered phases every new comment passes.
 * Grouped: refusals first (closed, length), then the newsroom's own rules,
 * then the modes that hold comments for a human.
 */
export const PHASES: readonly NamedPhase[] = [
  // — Refusals the commenter is told about —
  {
    name: 'closed',
    run: (ctx) => {
      if (!isDiscussionOpen(ctx.article, ctx.settings, ctx.now)) throw new CommentsClosedError();
      return undefined;
    },
  },
  {
    name: 'length',
    run: (ctx) => {
      const len = ctx.body.trim().length;
      if (len < MIN_LENGTH) throw new ValidationError('body', `too short (at least ${MIN_LENGTH} characters)`);
      if (len > MAX_LENGTH) throw new ValidationError('body', `too long (at most ${MAX_LENGTH} characters)`);
      return { body: ctx.body.trim() };
    },
  },
  // — Staff are trusted —
  {
    name: 'staff',
    run: (ctx) => (ctx.user && isStaff(ctx.user.role) ? { status: 'published', reasons: [{ code: 'staff' }] } : undefined),
  },
  // — The newsroom's word lists (WordPress: disallowed_keys, moderation_keys) —
  {
    name: 'block-words',
    run: (ctx) => {
      const w = matchWord(ctx.settings.blockWords, [ctx.body, ctx.name, ctx.email ?? '', ctx.ip ?? '']);
      return w ? { status: 'rejected', reasons: [{ code: 'block_word', detail: w }] } : undefined;
    },
  },
  {
    name: 'hold-words',
    run: (ctx) => {
      const w = matchWord(ctx.settings.holdWords, [ctx.body, ctx.name, ctx.email ?? '', ctx.ip ?? '']);
      return w ? { status: 'pending', reasons: [{ code: 'hold_word', detail: w }] } : undefined;
    },
  },
  {
    name: 'links',
    run: (ctx) => {
      const n = countLinks(ctx.body);
      return ctx.settings.maxLinks > 0 && n >= ctx.settings.maxLinks
        ? { status: 'pending', reasons: [{ code: 'too_many_links', detail: String(n) }] }
        : undefined;
    },
  },
  // — Modes that hold for a human —
  {
    name: 'pre-moderation',
    run: (ctx) => {
      const mode = ctx.article.moderation ?? ctx.settings.moderation;
      return mode === 'pre' ? { status: 'pending', reasons: [{ code: 'pre_moderation' }] } : undefined;
    },
  },
];

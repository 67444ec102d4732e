import { canModerate } from '../moderation.policy';
import type { Phase } from '../pipeline';
import { rememberRecent } from '../classifier/recent';
import { fold } from '../text';

/** Staff comments are published. */
export const staff: Phase = (ctx) => (canModerate(ctx.user, 'moderation:skip') ? { status: 'published', reasons: [{ code: 'staff' }] } : undefined);

/** The whole-word pattern of a listed word (null for a blank one), compiled once per word rather than per comment. */
const wordPattern = rememberRecent(4096, (w): RegExp | null => {
  const needle = fold(w.trim());
  if (!needle) return null;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u');
});

/** Whole-word, case- and accent-insensitive match of any listed word in any of the texts (as WordPress does). */
export function matchWord(list: readonly string[], texts: readonly string[]): string | undefined {
  if (list.length === 0) return undefined;
  const hay = texts.map(fold);
  for (const w of list) {
    const re = wordPattern(w);
    if (re && hay.some((h) => re.test(h))) return w;
  }
  return undefined;
}

const fields = (ctx: Parameters<Phase>[0]) => [ctx.body, ctx.name, ctx.email ?? '', ctx.ip ?? ''];

/** `blockWords` (WordPress: disallowed_keys) refuse the comment. */
export const blockWords: Phase = (ctx) => {
  const w = matchWord(ctx.settings.blockWords, fields(ctx));
  return w ? { status: 'rejected', reasons: [{ code: 'block_word', detail: w }] } : undefined;
};

/** `holdWords` (WordPress: moderation_keys) hold it for a moderator. */
export const holdWords: Phase = (ctx) => {
  const w = matchWord(ctx.settings.holdWords, fields(ctx));
  return w ? { status: 'pending', reasons: [{ code: 'hold_word', detail: w }] } : undefined;
};

/** Counts links, written out or bare domains. */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\.[a-z0-9-]+\.[a-z]{2,}/gi) ?? []).length;
}

/** `maxLinks` or more links hold the comment (WordPress: comment_max_links). */
export const links: Phase = (ctx) => {
  const n = countLinks(ctx.body);
  return ctx.settings.maxLinks > 0 && n >= ctx.settings.maxLinks ? { status: 'pending', reasons: [{ code: 'too_many_links', detail: String(n) }] } : undefined;
};

/** The moderation mode of this article: its own override, else the site's. */
function modeOf(ctx: Parameters<Phase>[0]): string {
  return ctx.article.moderation ?? ctx.settings.moderation;
}

/** `pre`: every comment waits for a moderator. */
export const preModeration: Phase = (ctx) => (modeOf(ctx) === 'pre' ? { status: 'pending', reasons: [{ code: 'pre_moderation' }] } : undefined);

/** `first-time`: a commenter waits until one of their comments has been approved. */
export const firstTime: Phase = async (ctx) => {
  if (modeOf(ctx) !== 'first-time') return undefined;
  return (await ctx.lookups.hasApprovedComment()) ? undefined : { status: 'pending', reasons: [{ code: 'first_time' }] };
};

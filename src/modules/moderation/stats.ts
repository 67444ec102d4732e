import type { Deps } from '../../deps';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { getArticlesByIds } from '../articles/article.read-model';
import { activeProtection } from '../articles/article';
import { postedSinceAll, postedTimes, type PostedRow } from '../comments/comment.review';
import { getDiscussionSettings } from './settings';
import { listDecisionsSince } from './stats.repository';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hours the per-hour chart covers (3 days). */
export const STATS_HOURS = 72;
const WINDOW_DAYS = 30;
const HOT_STORIES = 10;

export const OUTCOMES = ['published', 'held', 'review', 'rejected', 'spam'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One figure's data: what the chart draws and the table (and the CSV) lists. */
export interface StatsTable {
  id: 'hourly' | 'delay' | 'falseHolds' | 'hot';
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface ModerationStats {
  hourly: { hour: string; counts: Record<Outcome, number> }[];
  delay: { count: number; medianMinutes: number | null; p90Minutes: number | null };
  falseHolds: { held: number; approved: number; rate: number | null; budget: number };
  hot: { articleId: number; title: string; comments: number; mode: string | null; until: string | null }[];
}

function outcomeOf(c: PostedRow): Outcome | null {
  if (c.status === 'published') return c.listed ? 'review' : 'published';
  if (c.status === 'pending') return 'held';
  if (c.status === 'rejected' || c.status === 'spam') return c.status;
  return null;
}

/** The value below which a share `q` of the sorted values fall (nearest rank). */
export function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

function hourly(now: Date, posted: PostedRow[]): ModerationStats['hourly'] {
  const first = Math.floor(now.getTime() / HOUR) * HOUR - (STATS_HOURS - 1) * HOUR;
  const buckets = Array.from({ length: STATS_HOURS }, (_, i) => ({ hour: new Date(first + i * HOUR).toISOString(), counts: { published: 0, held: 0, review: 0, rejected: 0, spam: 0 } }));
  for (const c of posted) {
    const i = Math.floor((Date.parse(c.created_at) - first) / HOUR);
    const o = outcomeOf(c);
    const bucket = buckets[i];
    if (o && bucket) bucket.counts[o] += 1;
  }
  return buckets;
}

async function decisions(deps: Deps, now: Date): Promise<Pick<ModerationStats, 'delay' | 'falseHolds'>> {
  const log = await listDecisionsSince(deps.db, new Date(now.getTime() - WINDOW_DAYS * DAY).toISOString());
  // The first decision on a comment is the one its author waited for.
  const first = new Map<number, string>();
  for (const d of log) if (!first.has(d.commentId)) first.set(d.commentId, d.at);
  const times = await postedTimes(deps, [...first.keys()]);
  const waits = [...first].flatMap(([id, at]) => {
    const posted = times.get(id);
    return posted === undefined ? [] : [(Date.parse(at) - Date.parse(posted)) / 60_000];
  }).sort((a, b) => a - b);
  const heldDecided = log.filter((d) => d.previousStatus === 'pending');
  const held = new Set(heldDecided.map((d) => d.commentId)).size;
  const approved = new Set(heldDecided.filter((d) => d.status === 'published').map((d) => d.commentId)).size;
  const { falseHoldBudget } = await getDiscussionSettings(deps);
  return {
    delay: { count: waits.length, medianMinutes: percentile(waits, 0.5), p90Minutes: percentile(waits, 0.9) },
    falseHolds: { held, approved, rate: held === 0 ? null : approved / held, budget: falseHoldBudget },
  };
}

async function hot(deps: Deps, now: Date, posted: PostedRow[]): Promise<ModerationStats['hot']> {
  const since = new Date(now.getTime() - HOUR).toISOString();
  const counts = new Map<number, number>();
  for (const c of posted) if (c.created_at >= since) counts.set(c.article_id, (counts.get(c.article_id) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, HOT_STORIES);
  const articles = new Map((await getArticlesByIds(deps, top.map(([id]) => id))).map((a) => [a.id, a]));
  return top.flatMap(([id, n]) => {
    const a = articles.get(id);
    if (!a) return [];
    const p = activeProtection(a, now);
    return [{ articleId: id, title: a.title, comments: n, mode: p?.mode ?? a.moderation, until: p?.until ?? null }];
  });
}

/** The moderation figures now: per-hour outcomes, decision delays, false holds, hottest stories. */
export async function moderationStats(deps: Deps): Promise<ModerationStats> {
  const now = deps.clock.now();
  const posted = await postedSinceAll(deps, new Date(Math.floor(now.getTime() / HOUR) * HOUR - (STATS_HOURS - 1) * HOUR).toISOString());
  const [d, h] = await Promise.all([decisions(deps, now), hot(deps, now, posted)]);
  return { hourly: hourly(now, posted), ...d, hot: h };
}

const round = (n: number | null, digits = 1) => (n === null ? '' : Number(n.toFixed(digits)));

/** The figures as tables: what the page shows under each chart and what the CSV holds, cell for cell. */
export function statsTables(t: Translate, locale: Locale, s: ModerationStats): StatsTable[] {
  return [
    {
      id: 'hourly',
      title: t('stats.hourly.title'),
      columns: [t('stats.hourly.hour'), ...OUTCOMES.map((o) => t(`stats.outcome.${o}`))],
      rows: s.hourly.map((b) => [b.hour, ...OUTCOMES.map((o) => b.counts[o])]),
    },
    {
      id: 'delay',
      title: t('stats.delay.title'),
      columns: [t('stats.delay.count'), t('stats.delay.median'), t('stats.delay.p90')],
      rows: [[s.delay.count, round(s.delay.medianMinutes), round(s.delay.p90Minutes)]],
    },
    {
      id: 'falseHolds',
      title: t('stats.falseHolds.title'),
      columns: [t('stats.falseHolds.held'), t('stats.falseHolds.approved'), t('stats.falseHolds.rate'), t('stats.falseHolds.budget')],
      rows: [[s.falseHolds.held, s.falseHolds.approved, round(s.falseHolds.rate === null ? null : s.falseHolds.rate * 100), round(s.falseHolds.budget * 100)]],
    },
    {
      id: 'hot',
      title: t('stats.hot.title'),
      columns: [t('stats.hot.story'), t('stats.hot.comments'), t('stats.hot.mode'), t('stats.hot.until')],
      rows: s.hot.map((h) => [h.title, h.comments, h.mode ? t(`stats.mode.${h.mode}` as 'stats.mode.pre') : t('stats.mode.default'), h.until ? formatDate(locale, h.until) : '']),
    },
  ];
}

import type { Deps } from '../../deps';
import type { Locale } from '../../config';
import { formatDate, t } from '../../web/i18n/i18n';
import { usersByIds } from '../accounts/user.service';
import { reviewByStatus } from '../comments/comment.review';
import { claimDigest, listOptedIn } from './auto-rules.repository';
import { canModerate } from './moderation.policy';

const HOUR = 3_600_000;
/** How often the timer looks; the hourly limit is claimDigest's, per moderator. */
const CHECK_EVERY_MS = 5 * 60_000;
/** Held comments the digest reads at most (it summarises, the queue lists). */
const QUEUE_READ = 5000;

interface Waiting {
  stories: { title: string; count: number }[];
  total: number;
  oldest: string;
}

async function waiting(deps: Deps): Promise<Waiting | null> {
  const held = await reviewByStatus(deps, 'pending', QUEUE_READ);
  // reviewByStatus is oldest first.
  const oldest = held[0];
  if (!oldest) return null;
  const byStory = new Map<number, { title: string; count: number }>();
  for (const c of held) {
    const s = byStory.get(c.article_id) ?? { title: c.article_title, count: 0 };
    s.count += 1;
    byStory.set(c.article_id, s);
  }
  return { stories: [...byStory.values()].sort((a, b) => b.count - a.count), total: held.length, oldest: oldest.created_at };
}

function minutesBetween(from: string, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 60_000));
}

/**
 * Mails each opted-in moderator what waits in the queue, at most once an hour each,
 * never when nothing waits. What the timer calls; returns how many mails went out.
 */
export async function sendModeratorDigests(deps: Deps): Promise<number> {
  const w = await waiting(deps);
  if (!w) return 0;
  const now = deps.clock.now();
  const ids = (await listOptedIn(deps.db, 'digest')).map((p) => p.user_id);
  const users = (await usersByIds(deps, ids)).filter((u) => canModerate(u, 'moderation:queue'));
  let sent = 0;
  for (const u of users) {
    if (!(await claimDigest(deps.db, u.id, now.toISOString(), new Date(now.getTime() - HOUR).toISOString()))) continue;
    const locale: Locale = u.locale ?? deps.config.locale;
    const lines = w.stories.map((s) => t(locale, 'digest.story', { title: s.title, count: s.count })).join('\n');
    const params = { count: w.total, minutes: minutesBetween(w.oldest, now), since: formatDate(locale, w.oldest), stories: lines, url: `${deps.config.baseUrl}/admin/moderation`, prefs: `${deps.config.baseUrl}/admin/moderation/preferences` };
    try {
      await deps.mailer.send({ to: u.email, subject: t(locale, 'digest.subject', params), text: t(locale, 'digest.body', params) });
      sent += 1;
    } catch (err) {
      // This hour's digest is lost, not repeated: the queue itself still shows everything.
      deps.log.warn({ err, userId: u.id }, 'moderator digest not sent');
    }
  }
  return sent;
}

/** The digest's timer, started by startModuleWork; returns what stops it. */
export function startModeratorDigests(deps: Deps): () => void {
  const timer = setInterval(() => {
    sendModeratorDigests(deps).catch((err: unknown) => deps.log.warn({ err }, 'moderator digest failed'));
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

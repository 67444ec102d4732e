import type { Deps } from '../../deps';
import type { Locale } from '../../config';
import { NotFoundError } from '../../web/errors';
import { formatDate, t } from '../../web/i18n/i18n';
import type { AuthUser } from '../accounts/account';
import { usersByIds } from '../accounts/user.service';
import type { Article } from '../articles/article';
import { getArticle, setArticleProtection } from '../articles/article.service';
import { latestOfArticle, postedSince } from '../comments/comment.review';
import { canModerate } from './moderation.policy';
import { claimSwitch, countReported, findSwitch, listActiveSwitches, listOptedIn, markUndone, type SwitchRow } from './auto-rules.repository';
import { insertLog } from './moderation.repository';
import { getDiscussionSettings, type AutoRules } from './settings';

/** What made a rule fire, with its figures (kept as JSON on the switch, shown to moderators). */
export type Figures =
  | { trigger: 'share'; bad: number; n: number; threshold: number }
  | { trigger: 'rate'; count: number; limit: number };

/** The fewest recent comments the share rule needs, so that 2 held out of 3 does not switch an article. */
const MIN_SAMPLE = 10;
const BAD_STATUSES = new Set(['pending', 'rejected', 'spam']);

/**
 * Measures one article against the rules: the share of held, reported or rejected
 * comments among its last N, then the arrival rate. Only comments posted since the
 * last switch ended count, and not those held only by pre-moderation: a rule's own
 * effect must not switch the article again.
 */
export async function measure(deps: Deps, articleId: number, rules: AutoRules, since: string | null): Promise<Figures | undefined> {
  const now = deps.clock.now();
  const latest = (await latestOfArticle(deps, articleId, rules.lastN, since)).filter((c) => !(c.status === 'pending' && c.reasons.some((r) => r.code === 'pre_moderation')));
  if (latest.length >= Math.min(rules.lastN, MIN_SAMPLE)) {
    const reported = await countReported(deps.db, latest.filter((c) => c.status === 'published').map((c) => c.id));
    const bad = latest.filter((c) => BAD_STATUSES.has(c.status)).length + reported;
    if (bad / latest.length >= rules.share) return { trigger: 'share', bad, n: latest.length, threshold: rules.share };
  }
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  const count = await postedSince(deps, articleId, since !== null && since > minuteAgo ? since : minuteAgo);
  if (count > rules.ratePerMinute) return { trigger: 'rate', count, limit: rules.ratePerMinute };
  return undefined;
}

/** The figures in words. */
export function why(locale: Locale, f: Figures): string {
  return f.trigger === 'share'
    ? t(locale, 'rules.why.share', { bad: f.bad, n: f.n, percent: Math.round((f.bad / f.n) * 100), threshold: Math.round(f.threshold * 100) })
    : t(locale, 'rules.why.rate', { count: f.count, limit: f.limit });
}

export function modeWords(locale: Locale, mode: string, minutes: number | null): string {
  return mode === 'slow' ? t(locale, 'rules.mode.slow', { minutes: minutes ?? 0 }) : t(locale, 'rules.mode.pre');
}

/**
 * After a comment changed on an article (posted, decided, reported): switches the
 * article if a rule fires and none is in force. Once per switch, across instances.
 */
export async function evaluateArticle(deps: Deps, articleId: number): Promise<void> {
  const { autoRules: rules } = await getDiscussionSettings(deps);
  if (!rules.enabled) return;
  const now = deps.clock.now();
  const last = await findSwitch(deps.db, articleId);
  const lastEnd = last ? (last.undone_at !== null && last.undone_at < last.ends_at ? last.undone_at : last.ends_at) : null;
  if (lastEnd !== null && lastEnd > now.toISOString()) return;
  const figures = await measure(deps, articleId, rules, lastEnd);
  if (!figures) return;
  const until = new Date(now.getTime() + rules.durationMinutes * 60_000).toISOString();
  const slow = rules.action === 'slow' ? rules.slowModeMinutes : null;
  const won = await claimSwitch(
    deps.db,
    { article_id: articleId, mode: rules.action, slow_minutes: slow, trigger: figures.trigger, figures: JSON.stringify(figures), started_at: now.toISOString(), ends_at: until },
    now.toISOString(),
  );
  if (!won) return;
  await setArticleProtection(deps, articleId, { mode: rules.action, slowModeMinutes: slow ?? 0, until });
  const locale = deps.config.locale;
  await insertLog(deps.db, {
    comment_id: null,
    actor_id: null,
    action: 'auto_rule',
    reason: t(locale, 'rules.log', { mode: modeWords(locale, rules.action, slow), minutes: rules.durationMinutes, why: why(locale, figures) }),
    previous_status: null,
    status: null,
    target: `article:${articleId}`,
    created_at: now.toISOString(),
  });
  await tellModerators(deps, articleId, { mode: rules.action, slow, until, figures });
}

/** One email to each moderator who asked for rule alerts, in their language. */
async function tellModerators(deps: Deps, articleId: number, s: { mode: string; slow: number | null; until: string; figures: Figures }): Promise<void> {
  const article = await getArticle(deps, null, articleId).catch(() => undefined);
  if (!article) return;
  const ids = (await listOptedIn(deps.db, 'rule_alerts')).map((p) => p.user_id);
  const users = (await usersByIds(deps, ids)).filter((u) => canModerate(u, 'moderation:queue'));
  for (const u of users) {
    const locale: Locale = u.locale ?? deps.config.locale;
    const mode = modeWords(locale, s.mode, s.slow);
    const params = {
      title: article.title,
      mode,
      until: formatDate(locale, s.until),
      why: why(locale, s.figures),
      url: `${deps.config.baseUrl}/admin/moderation`,
      prefs: `${deps.config.baseUrl}/admin/moderation/preferences`,
    };
    try {
      await deps.mailer.send({ to: u.email, subject: t(locale, 'rules.mail.subject', params), text: t(locale, 'rules.mail.body', params) });
    } catch (err) {
      // The switch stands without its email; the queue's banner still says it.
      deps.log.warn({ err, articleId }, 'automatic rule alert not sent');
    }
  }
}

/** A moderator ends a switch early: the article is back to its own mode. */
export async function undoSwitch(deps: Deps, user: AuthUser, articleId: number): Promise<void> {
  const now = deps.clock.now().toISOString();
  if (!(await markUndone(deps.db, articleId, user.id, now))) throw new NotFoundError('automatic rule in force on this article');
  await setArticleProtection(deps, articleId, null);
  await insertLog(deps.db, {
    comment_id: null,
    actor_id: user.id,
    action: 'auto_rule_undo',
    reason: t(deps.config.locale, 'rules.log.undo'),
    previous_status: null,
    status: null,
    target: `article:${articleId}`,
    created_at: now,
  });
}

export interface ActiveSwitch {
  articleId: number;
  title: string;
  mode: 'pre' | 'slow';
  slowModeMinutes: number | null;
  startedAt: string;
  until: string;
  figures: Figures;
}

function present(row: SwitchRow, article: Pick<Article, 'title'> | undefined): ActiveSwitch {
  return {
    articleId: row.article_id,
    title: article?.title ?? `#${row.article_id}`,
    mode: row.mode === 'slow' ? 'slow' : 'pre',
    slowModeMinutes: row.slow_minutes,
    startedAt: row.started_at,
    until: row.ends_at,
    figures: JSON.parse(row.figures) as Figures,
  };
}

/** The switches in force now (the queue's banner, GET /api/v1/moderation/auto-rules, the stats). */
export async function activeSwitches(deps: Deps, articleIds?: number[]): Promise<ActiveSwitch[]> {
  const rows = await listActiveSwitches(deps.db, deps.clock.now().toISOString(), articleIds);
  const out: ActiveSwitch[] = [];
  for (const r of rows) out.push(present(r, await getArticle(deps, null, r.article_id).catch(() => undefined)));
  return out;
}

/** Evaluates the rules on every comment change (moderation listens to the comments module). */
export function installAutoRules(deps: Deps): void {
  deps.hooks.on('comment.changed', async (e) => {
    if (e.kind === 'erased') return;
    try {
      await evaluateArticle(deps, e.articleId);
    } catch (err) {
      // A rule that cannot be measured must not fail the comment that was just saved.
      deps.log.error({ err, articleId: e.articleId }, 'automatic rules not evaluated');
    }
  });
}

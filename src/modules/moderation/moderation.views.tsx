import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import type { Reason } from '../comments/comment';
import { MODERATION_ACTIONS } from './decision.service';
import { reasonText } from './moderation.presenter';
import { QUEUE_NAMES, type ModeratedCommentRow, type QueueName } from './queue.service';
import type { FalseHold } from './false-hold.service';

type Ctx = { t: Translate; locale: Locale; csrf: string };
export type LogRow = { id: number; comment_id: number | null; action: string; reason: string | null; previous_status: string | null; status: string | null; target: string | null; created_at: string; actor_name: string | null };

const QUEUES: readonly QueueName[] = QUEUE_NAMES;

function StatusText({ t, status }: { t: Translate; status: string }): VNode {
  const key = `moderation.status.${status}` as 'moderation.status.published';
  return <span class={`mod-status mod-status-${status}`}>{t(key)}</span>;
}

function Reasons({ t, reasons }: { t: Translate; reasons: Reason[] }): VNode | null {
  if (reasons.length === 0) return null;
  return (
    <ul class="mod-reasons" aria-label={t('moderation.reasons')}>
      {reasons.map((r) => (
        <li data-code={r.code}>{reasonText(t, r)}</li>
      ))}
    </ul>
  );
}

function Scores({ t, scores }: { t: Translate; scores: Record<string, number> }): VNode | null {
  const entries = Object.entries(scores);
  if (entries.length === 0) return null;
  return (
    <p class="mod-scores">
      {t('moderation.scores')} : {entries.map(([k, v]) => `${k} ${Number(v).toFixed(2)}`).join(' · ')}
    </p>
  );
}

/** The commenter's earlier comments and the decisions on them. */
function History({ t, locale, rows, log }: Ctx & { rows: ModeratedCommentRow[]; log: LogRow[] }): VNode {
  return (
    <details class="mod-history">
      <summary>{t('moderation.history', { count: rows.length })}</summary>
      {rows.length === 0 ? (
        <p>{t('moderation.history.none')}</p>
      ) : (
        <ul>
          {rows.map((h) => (
            <li>
              <StatusText t={t} status={h.status} /> — <time dateTime={h.created_at}>{formatDate(locale, h.created_at)}</time> —{' '}
              {t('moderation.on_article', { title: h.article_title })} : {h.body.slice(0, 140)}
              {log
                .filter((l) => l.comment_id === h.id)
                .map((l) => (
                  <span class="mod-history-decision">
                    {' '}
                    [{l.actor_name ?? t('moderation.log.system')} : {l.action}
                    {l.reason ? ` — ${l.reason}` : ''}]
                  </span>
                ))}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** One comment of the queue with its reasons, its article, its author's history and its buttons. */
export function QueueItem(p: Ctx & { c: ModeratedCommentRow; history: ModeratedCommentRow[]; log: LogRow[] }): VNode {
  const { t, c } = p;
  return (
    <li class="mod-item" id={`mod-${c.id}`} data-id={c.id} tabIndex={-1} aria-labelledby={`mod-${c.id}-who`}>
      <article>
        <header class="mod-meta">
          <input type="checkbox" name="ids" value={String(c.id)} id={`mod-${c.id}-pick`} class="mod-pick" />{' '}
          <label for={`mod-${c.id}-pick`} id={`mod-${c.id}-who`}>
            {t('moderation.commenter', { name: c.author_name })}
          </label>
          {c.author_email ? <span class="mod-email"> &lt;{c.author_email}&gt;</span> : null} —{' '}
          <time dateTime={c.created_at}>{formatDate(p.locale, c.created_at)}</time> — <StatusText t={t} status={c.status} /> —{' '}
          <a href={`/admin/moderation/comments/${c.id}`}>{t('moderation.on_article', { title: c.article_title })}</a>
          {c.open_reports > 0 ? <strong class="mod-reports"> — {t('moderation.reports', { count: c.open_reports })}</strong> : null}
        </header>
        <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.html }} />
        <Reasons t={t} reasons={c.reasons} />
        <Scores t={t} scores={c.scores} />
        <p class="mod-actions">
          {MODERATION_ACTIONS.map((a) => (
            <button type="submit" name="one" value={`${a}:${c.id}`} class={`mod-${a}`}>
              {t(`moderation.action.${a}`)}
            </button>
          ))}{' '}
          <a href={`/admin/moderation/comments/${c.id}#ban`}>{t('moderation.ban.title')}</a>
        </p>
        <History {...p} rows={p.history} log={p.log} />
      </article>
    </li>
  );
}

export interface QueuePageProps extends Ctx {
  queue: QueueName;
  counts: Record<QueueName, number>;
  falseHold: FalseHold;
  items: { c: ModeratedCommentRow; history: ModeratedCommentRow[] }[];
  log: LogRow[];
  notice?: string;
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The queue: tabs, bulk actions, the comments. */
export function QueuePage(p: QueuePageProps): VNode {
  const { t } = p;
  return (
    <div class="mod-queue">
      <nav aria-label={t('moderation.queue.nav')}>
        <ul class="mod-tabs">
          {QUEUES.map((q) => (
            <li>
              <a href={`/admin/moderation?status=${q}`} aria-current={q === p.queue ? 'page' : undefined}>
                {t(`moderation.queue.${q}`)} ({p.counts[q]})
              </a>
            </li>
          ))}
          <li>
            <a href="/admin/moderation/bans">{t('moderation.bans.title')}</a>
          </li>
          <li>
            <a href="/admin/moderation/log">{t('moderation.log.title')}</a>
          </li>
        </ul>
      </nav>
      {p.notice ? (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      ) : null}
      <p class="mod-help">{t('moderation.queue.help')}</p>
      <p class="mod-false-hold">
        {p.falseHold.rate === null
          ? t('moderation.falseHold.none', { budget: percent(p.falseHold.budget) })
          : t('moderation.falseHold.rate', { rate: percent(p.falseHold.rate), approved: p.falseHold.approved, held: p.falseHold.held, budget: percent(p.falseHold.budget) })}
      </p>
      {p.items.length === 0 ? (
        <p>{t('moderation.queue.empty')}</p>
      ) : (
        <form method="post" action="/admin/moderation/decide" id="mod-form">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="status" value={p.queue} />
          <fieldset class="mod-bulk">
            <legend>{t('moderation.bulk.legend')}</legend>
            {MODERATION_ACTIONS.map((a) => (
              <button type="submit" name="bulk" value={a}>
                {t(`moderation.action.${a}`)}
              </button>
            ))}
            <label for="mod-reason">{t('moderation.decision.reason')}</label> <input id="mod-reason" name="reason" maxLength={500} />
          </fieldset>
          <ol class="mod-list">
            {p.items.map((i) => (
              <QueueItem t={t} locale={p.locale} csrf={p.csrf} c={i.c} history={i.history} log={p.log} />
            ))}
          </ol>
        </form>
      )}
    </div>
  );
}

/** One comment in full: history, decisions, the ban form. */
export function CommentPage(p: Ctx & { c: ModeratedCommentRow; history: ModeratedCommentRow[]; log: LogRow[]; notice?: string }): VNode {
  const { t } = p;
  return (
    <div>
      {p.notice ? (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      ) : null}
      <form method="post" action="/admin/moderation/decide">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <ol class="mod-list">
          <QueueItem {...p} />
        </ol>
      </form>
      <h2>{t('moderation.history.decisions')}</h2>
      <LogTable {...p} rows={p.log.filter((l) => l.comment_id === p.c.id)} />
      <h2 id="ban">{t('moderation.ban.title')}</h2>
      <form method="post" action="/admin/moderation/bans" class="mod-ban">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="commentId" value={String(p.c.id)} />
        <div class="field">
          <label for="ban-kind">{t('moderation.ban.kind')}</label>
          <select id="ban-kind" name="kind">
            {p.c.user_id !== null ? <option value="account">{t('moderation.ban.account')}</option> : null}
            {p.c.author_email ? <option value="email">{t('moderation.ban.email')}</option> : null}
            {p.c.ip_hash ? <option value="address">{t('moderation.ban.address')}</option> : null}
          </select>
        </div>
        <div class="field">
          <label for="ban-until">{t('moderation.ban.until')}</label>
          <input id="ban-until" name="until" type="date" />
        </div>
        <div class="field">
          <label for="ban-reason">{t('moderation.ban.reason')}</label>
          <input id="ban-reason" name="reason" maxLength={500} />
        </div>
        <button type="submit">{t('moderation.ban.submit')}</button>
      </form>
    </div>
  );
}

/** The audit log. */
export function LogTable({ t, locale, rows }: Ctx & { rows: LogRow[] }): VNode {
  return (
    <table class="mod-log">
      <thead>
        <tr>
          <th scope="col">{t('moderation.log.when')}</th>
          <th scope="col">{t('moderation.log.who')}</th>
          <th scope="col">{t('moderation.log.what')}</th>
          <th scope="col">{t('moderation.log.comment')}</th>
          <th scope="col">{t('moderation.log.why')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((l) => (
          <tr>
            <td>
              <time dateTime={l.created_at}>{formatDate(locale, l.created_at)}</time>
            </td>
            <td>{l.actor_name ?? t('moderation.log.system')}</td>
            <td>
              {l.action}
              {l.previous_status && l.status ? ` (${l.previous_status} → ${l.status})` : ''}
              {l.target ? ` ${l.target}` : ''}
            </td>
            <td>{l.comment_id !== null ? <a href={`/admin/moderation/comments/${l.comment_id}`}>#{l.comment_id}</a> : '—'}</td>
            <td>{l.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Bans in force, each with a form to lift it. */
export function BansPage({ t, locale, csrf, bans, notice }: Ctx & { bans: { id: number; kind: string; label: string; reason: string | null; created_at: string; expires_at: string | null }[]; notice?: string }): VNode {
  return (
    <div>
      {notice ? (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      {bans.length === 0 ? (
        <p>{t('moderation.bans.none')}</p>
      ) : (
        <ul class="mod-bans">
          {bans.map((b) => (
            <li>
              {t(`moderation.ban.${b.kind}` as 'moderation.ban.email')} : {b.label} — {b.expires_at ? formatDate(locale, b.expires_at) : t('moderation.bans.forever')}
              {b.reason ? ` — ${b.reason}` : ''}{' '}
              <form method="post" action={`/admin/moderation/bans/${b.id}/lift`} class="inline-form">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit">{t('moderation.bans.lift')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

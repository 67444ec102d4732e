import { diffWordsWithSpace } from 'diff';
import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import type { RevisionEntry } from '../articles/revision.service';

export function RevisionList({ t, locale, articleId, entries }: { t: Translate; locale: Locale; articleId: number; entries: RevisionEntry[] }): VNode {
  return (
    <ol class="revision-list">
      {entries.map((e) => (
        <li>
          <time dateTime={e.createdAt}>{formatDate(locale, e.createdAt)}</time>
          {e.author?.name ? ` — ${t('revisions.by', { name: e.author.name })}` : ''} — {e.title}
          {e.current ? <strong> ({t('revisions.current')})</strong> : null}{' '}
          {!e.current ? <a href={`/admin/articles/${articleId}/revisions/${e.id}`}>{t('revisions.compare')}</a> : null}
        </li>
      ))}
    </ol>
  );
}

/** Word-level differences, escaped like any text: additions in <ins>, removals in <del>. */
export function Diff({ before, after, t }: { before: string; after: string; t: Translate }): VNode {
  if (before === after) return <p class="hint">{t('revisions.none')}</p>;
  const parts = diffWordsWithSpace(before, after);
  return (
    <pre class="diff">
      {parts.map((p) => (p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : <span>{p.value}</span>))}
    </pre>
  );
}

export interface RevisionDiffProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  articleId: number;
  revision: { id: number; created_at: string; title: string; summary: string; body: string };
  next: { title: string; summary: string; body: string };
  canRestore: boolean;
}

export function RevisionDiff(p: RevisionDiffProps): VNode {
  const { t } = p;
  return (
    <>
      <p>
        <a href={`/admin/articles/${p.articleId}/revisions`}>{t('revisions.back')}</a>
      </p>
      <p class="hint">{t('revisions.diff_hint')}</p>
      <h2>{t('revisions.field_title')}</h2>
      <Diff before={p.revision.title} after={p.next.title} t={t} />
      <h2>{t('revisions.field_summary')}</h2>
      <Diff before={p.revision.summary} after={p.next.summary} t={t} />
      <h2>{t('revisions.field_body')}</h2>
      <Diff before={p.revision.body} after={p.next.body} t={t} />
      {p.canRestore ? (
        <form method="post" action={`/admin/articles/${p.articleId}/revisions/${p.revision.id}/restore`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit">{t('revisions.restore')}</button>
        </form>
      ) : null}
    </>
  );
}

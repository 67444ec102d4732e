import type { VNode } from 'preact';
import type { Translate } from '../../web/i18n/i18n';
import type { Section } from '../articles/article.read-model';
import { ARTICLE_SLUG_PATTERN } from '../articles/slug';
import { FormMessage } from '../accounts/login.views';
import { BYLINE_SLOTS, type EditorValues } from './editor.form';

export interface EditorProps {
  t: Translate;
  csrf: string;
  values: EditorValues;
  /** The article being edited; absent for a new one. */
  articleId?: number;
  publicUrl?: string | undefined;
  sections: Section[];
  people: { id: number; name: string }[];
  images: { id: number; alt: string; originalName: string }[];
  /** Authors may only write drafts. */
  canPublish: boolean;
  previewHtml: string;
  message?: { kind: 'ok' | 'error'; text: string } | undefined;
  autosave?: { time: string; href: string } | undefined;
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: VNode }): VNode {
  return (
    <p class="field">
      <label for={id}>{label}</label>
      {children}
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </p>
  );
}

function Byline({ t, values, people }: Pick<EditorProps, 't' | 'values' | 'people'>): VNode {
  return (
    <fieldset class="byline-fields">
      <legend>{t('editor.byline')}</legend>
      {Array.from({ length: BYLINE_SLOTS }, (_, i) => (
        <p class="field field-inline">
          <label for={`author_${i}`}>{t('editor.author_n', { n: i + 1 })}</label>
          <select id={`author_${i}`} name={`author_${i}`}>
            <option value="">{t('editor.nobody')}</option>
            {people.map((p) => (
              <option value={String(p.id)} selected={values.authors[i] === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      ))}
    </fieldset>
  );
}

function Publication({ t, values, canPublish }: Pick<EditorProps, 't' | 'values' | 'canPublish'>): VNode {
  const radio = (mode: EditorValues['mode'], label: string) => (
    <label class="choice">
      <input type="radio" name="mode" value={mode} checked={values.mode === mode} disabled={mode !== 'draft' && !canPublish} /> {label}
    </label>
  );
  return (
    <fieldset class="publication">
      <legend>{t('editor.publication')}</legend>
      {radio('draft', t('editor.as_draft'))}
      {radio('publish', t('editor.publish_now'))}
      {radio('schedule', t('editor.schedule'))}
      <p class="field">
        <label for="publishAt">{t('editor.publish_at')}</label>
        <input id="publishAt" name="publishAt" type="datetime-local" step={1} value={values.publishAt} disabled={!canPublish} />
      </p>
    </fieldset>
  );
}

/** The article editor: every field, Markdown with its preview, publication. Works without JavaScript; editor.js adds live preview and autosave. */
export function EditorForm(p: EditorProps): VNode {
  const { t, values } = p;
  const action = p.articleId !== undefined ? `/admin/articles/${p.articleId}` : '/admin/articles';
  return (
    <>
      {p.message ? <FormMessage {...p.message} /> : null}
      {p.autosave ? (
        <p class="notice notice-info" role="status">
          {t('editor.autosave_found', { time: p.autosave.time })} <a href={p.autosave.href}>{t('editor.autosave_resume')}</a>
        </p>
      ) : null}
      {p.articleId !== undefined ? (
        <p class="editor-links">
          <a href={`/admin/articles/${p.articleId}/revisions`}>{t('editor.revisions')}</a>
          {p.publicUrl ? (
            <>
              {' · '}
              <a href={p.publicUrl}>{t('editor.view_public')}</a>
              {' · '}
              <a href={`/admin/articles/${p.articleId}/picks`}>{t('picks.editor_link')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <form method="post" action={action} class="editor" id="editor-form" data-article-id={p.articleId !== undefined ? String(p.articleId) : undefined}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <div class="editor-main">
          <Field id="title" label={t('editor.title')}>
            <input id="title" name="title" value={values.title} required maxLength={300} class="input-title" />
          </Field>
          <Field id="summary" label={t('editor.summary')}>
            <textarea id="summary" name="summary" rows={3} maxLength={2000}>
              {values.summary}
            </textarea>
          </Field>
          <div class="editor-split">
            <Field id="body" label={t('editor.body')}>
              <textarea id="body" name="body" rows={24} class="input-body">
                {values.body}
              </textarea>
            </Field>
            <section class="editor-preview" aria-labelledby="preview-heading">
              <h2 id="preview-heading">{t('editor.preview')}</h2>
              <div id="preview" class="article-body" aria-live="polite" dangerouslySetInnerHTML={{ __html: p.previewHtml }} />
            </section>
          </div>
          <Field id="correction" label={t('editor.correction')} hint={t('editor.correction_hint')}>
            <textarea id="correction" name="correction" rows={2} aria-describedby="correction-hint">
              {values.correction}
            </textarea>
          </Field>
        </div>
        <div class="editor-side">
          <Publication t={t} values={values} canPublish={p.canPublish} />
          <p class="editor-actions">
            <button type="submit" name="intent" value="save">
              {t('editor.save')}
            </button>{' '}
            <button type="submit" name="intent" value="preview" class="button-secondary">
              {t('editor.preview_button')}
            </button>
          </p>
          <p id="autosave-status" class="hint" role="status" data-template={t('editor.autosaved', { time: '{time}' })} />
          <Field id="slug" label={t('editor.slug')} hint={t('editor.slug_hint')}>
            <input id="slug" name="slug" value={values.slug} maxLength={80} pattern={ARTICLE_SLUG_PATTERN} aria-describedby="slug-hint" />
          </Field>
          <Field id="dateline" label={t('editor.dateline')}>
            <input id="dateline" name="dateline" value={values.dateline} maxLength={200} />
          </Field>
          <Field id="section" label={t('editor.section')}>
            <select id="section" name="section">
              <option value="">{t('editor.no_section')}</option>
              {p.sections.map((s) => (
                <option value={s.slug} selected={values.section === s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="tags" label={t('editor.tags')} hint={t('editor.tags_hint')}>
            <input id="tags" name="tags" value={values.tags} aria-describedby="tags-hint" />
          </Field>
          <Byline t={t} values={values} people={p.people} />
          <Field id="image" label={t('editor.image')}>
            <select id="image" name="image">
              <option value="">{t('editor.no_image')}</option>
              {p.images.map((m) => (
                <option value={String(m.id)} selected={values.image === String(m.id)}>
                  {`#${m.id} — ${m.alt || `${m.originalName} ${t('editor.image_no_alt')}`}`}
                </option>
              ))}
            </select>
          </Field>
          <p class="field field-check">
            <input id="commentsOpen" type="checkbox" name="commentsOpen" value="1" checked={values.commentsOpen} />
            <label for="commentsOpen">{t('editor.comments_open')}</label>
          </p>
          <Field id="slowModeMinutes" label={t('editor.slow_mode')} hint={t('editor.slow_mode_hint')}>
            <input id="slowModeMinutes" name="slowModeMinutes" type="number" min="0" max="1440" value={values.slowModeMinutes} aria-describedby="slowModeMinutes-hint" />
          </Field>
        </div>
      </form>
    </>
  );
}

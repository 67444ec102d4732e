import type { VNode } from 'preact';
import { z } from 'zod';
import type { Locale } from '../../config';
import type { Translate } from '../../web/i18n/i18n';
import { discussionSettingsSchema } from '../moderation/settings';
import { Csrf } from './csrf.views';
import { bare, settingLabel } from './settings.form';

const idOf = (name: string) => `s-${name.replace(/\./g, '-')}`;

/** One control per setting, derived from its schema; an object setting is a fieldset of its members. */
function SettingField({ locale, name, schema: member, value, invalid }: { locale: Locale; name: string; schema: z.ZodType; value: unknown; invalid?: string | undefined }): VNode | null {
  const schema = bare(member);
  const text = settingLabel(locale, name);
  const bad = invalid === name ? { 'aria-invalid': 'true' as const } : {};
  if (schema instanceof z.ZodObject) {
    const values = (value ?? {}) as Record<string, unknown>;
    return (
      <fieldset class="settings-group" id={idOf(name)}>
        <legend>{text}</legend>
        {Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, s]) => (
          <SettingField locale={locale} name={`${name}.${key}`} schema={s} value={values[key]} invalid={invalid} />
        ))}
      </fieldset>
    );
  }
  if (schema instanceof z.ZodEnum) {
    return (
      <fieldset>
        <legend>{text}</legend>
        {(schema.options as string[]).map((o) => (
          <label class="choice">
            <input type="radio" name={name} value={o} checked={value === o} /> {settingLabel(locale, `${name}.${o}`)}
          </label>
        ))}
      </fieldset>
    );
  }
  if (schema instanceof z.ZodNumber) {
    return (
      <p class="field">
        <label for={idOf(name)}>{text}</label>
        <input id={idOf(name)} name={name} type="number" min={schema.minValue ?? undefined} max={schema.maxValue ?? undefined} step={schema.format?.includes('int') ? undefined : 'any'} value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''} required {...bad} />
      </p>
    );
  }
  if (schema instanceof z.ZodArray) {
    return (
      <p class="field">
        <label for={idOf(name)}>{text}</label>
        <textarea id={idOf(name)} name={name} rows={5} {...bad}>
          {Array.isArray(value) ? value.join('\n') : ''}
        </textarea>
      </p>
    );
  }
  if (schema instanceof z.ZodBoolean) {
    return (
      <p class="field field-check">
        <input type="hidden" name={name} value="0" />
        <input id={idOf(name)} type="checkbox" name={name} value="1" checked={value === true} />
        <label for={idOf(name)}>{text}</label>
      </p>
    );
  }
  return null;
}

/** The discussion settings form; after a refused post it shows what was typed, the refused field marked. */
export function SettingsPage({ t, locale, csrf, s, invalid }: { t: Translate; locale: Locale; csrf: string; s: Record<string, unknown>; invalid?: string | undefined }): VNode {
  return (
    <>
      <p>
        {t('settings.queue')} <a href="/admin/moderation">{t('dash.queue')}</a>
      </p>
      <form method="post" action="/admin/settings" class="settings-form">
        <Csrf csrf={csrf} />
        {Object.entries(discussionSettingsSchema.shape).map(([name, schema]) => (
          <SettingField locale={locale} name={name} schema={schema as z.ZodType} value={s[name]} invalid={invalid} />
        ))}
        <button type="submit">{t('settings.save')}</button>
      </form>
    </>
  );
}

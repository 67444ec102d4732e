import { z } from 'zod';
import { LOCALES, type Locale } from '../../config';
import { ValidationError, type LocalizedText } from '../../web/errors';
import { catalogue } from '../../web/i18n/catalogue';
import { t, type MessageKey } from '../../web/i18n/i18n';
import { discussionSettingsSchema } from '../moderation/settings';
import { field } from './admin.guard';

/**
 * The discussion settings form (`/admin/settings`), derived from the moderation module's
 * settings schema, so a setting added later appears by itself: a field per setting, and
 * for an object setting (`autoRules`) a field per member, named `autoRules.lastN`.
 */

/** A member's schema without its default (autoRules' members have one). */
export function bare(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault ? bare(schema.def.innerType as z.ZodType) : schema;
}

/** A setting's label in the locale (`settings.NAME`); a setting added later without a message shows its name. */
export function settingLabel(locale: Locale, name: string): string {
  const messages: Record<string, string> = catalogue[locale];
  return messages[`settings.${name}`] ?? name;
}

/** A form field's name in the reader's words: its label, after its group's for a member (`Règles automatiques — …`). */
export function fieldName(locale: Locale, path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? settingLabel(locale, path) : `${settingLabel(locale, path.slice(0, dot))} — ${settingLabel(locale, path)}`;
}

function inEveryLocale(key: MessageKey): LocalizedText {
  return Object.fromEntries(LOCALES.map((l) => [l, t(l, key)])) as LocalizedText;
}

/** A number as typed (a comma or a dot before the decimals), or the reason it is not one. */
function typedNumber(name: string, typed: string): number | ValidationError {
  const v = typed.trim().replace(',', '.');
  if (v === '') return new ValidationError(name, 'required', inEveryLocale('validation.required'));
  if (!/^-?\d+(\.\d+)?$/.test(v)) return new ValidationError(name, 'a number is needed', inEveryLocale('settings.error.number'));
  return Number(v);
}

function lines(v: string): string[] {
  return v.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** The form's values (a field left out keeps its value) and the first field that is not even a number. */
export interface SettingsDraft {
  values: Record<string, unknown>;
  error?: ValidationError;
}

/** Reads the posted form into the settings' shape; the schema checks the values after (parseInput). */
export function settingsFromForm(body: unknown, current: Record<string, unknown>): SettingsDraft {
  const draft: SettingsDraft = { values: {} };
  const read = (shape: Record<string, z.ZodType>, prefix: string, cur: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...cur };
    for (const [key, member] of Object.entries(shape)) {
      const name = prefix + key;
      const schema = bare(member);
      if (schema instanceof z.ZodObject) {
        out[key] = read(schema.shape, `${name}.`, (cur[key] ?? {}) as Record<string, unknown>);
        continue;
      }
      const raw = (body as Record<string, unknown> | undefined)?.[name];
      if (raw === undefined) continue;
      const v = field(body, name);
      if (schema instanceof z.ZodNumber) {
        const n = typedNumber(name, v);
        out[key] = n instanceof ValidationError ? v : n;
        if (n instanceof ValidationError) draft.error ??= n;
      } else if (schema instanceof z.ZodArray) out[key] = lines(v);
      else if (schema instanceof z.ZodBoolean) out[key] = Array.isArray(raw) ? raw.includes('1') : v === '1';
      else out[key] = v;
    }
    return out;
  };
  draft.values = read(discussionSettingsSchema.shape, '', current);
  return draft;
}

/** A refused value in the reader's language, naming the field by its label. */
export function settingsErrorText(err: ValidationError, locale: Locale): string {
  return t(locale, 'error.field_reason', { field: fieldName(locale, err.field), reason: err.localized?.[locale] ?? err.reason });
}

import type { Locale } from '../../config';
import { catalogue, type MessageKey } from './catalogue';

export type { MessageKey };
export type Params = Record<string, string | number>;

/** Translates a key into the locale, filling `{name}` placeholders. Unknown params stay as they are. */
export function t(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogue[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A translator bound to one locale. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();
const FORMATTED_MAX = 20_000;

/** Formats a date for readers of the locale, in the newsroom's time zone (UTC for now). Formatters are built once. */
export function formatDate(locale: Locale, iso: string): string {
  // A thread of 200 comments formats 200 dates on every render; each date is formatted once.
  const key = locale + iso;
  const done = formatted.get(key);
  if (done !== undefined) return done;
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  const text = f.format(new Date(iso));
  formatted.set(key, text);
  return text;
}

/** A wait in words ("4 minutes", "30 secondes"), rounded up to the minute past one minute. */
export function waitInWords(locale: Locale, seconds: number): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  if (seconds < 60) return new Intl.NumberFormat(tag, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(Math.max(1, Math.ceil(seconds)));
  return new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(Math.ceil(seconds / 60));
}

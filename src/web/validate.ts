import { z } from 'zod';
import { LOCALES, type Locale } from '../config';
import { ValidationError, type LocalizedText } from './errors';
import { catalogue } from './i18n/catalogue';
import { t, type MessageKey } from './i18n/i18n';

const zodLocales: Record<Locale, z.core.$ZodErrorMap> = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** A missing value or an empty text where one is needed: "required", not zod's "expected string, received undefined". */
function isMissing(issue: z.core.$ZodRawIssue): boolean {
  if (issue.code === 'invalid_type' && issue.input === undefined) return true;
  return issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1 && issue.input === '';
}

/** A refinement may name its message in the catalogue: `params: { messageKey }`. */
function catalogueKey(issue: z.core.$ZodRawIssue): MessageKey | undefined {
  if (issue.code !== 'custom') return undefined;
  const key = (issue.params as { messageKey?: unknown } | undefined)?.messageKey;
  return typeof key === 'string' && Object.hasOwn(catalogue.fr, key) ? (key as MessageKey) : undefined;
}

function errorMap(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => {
    if (isMissing(issue)) return t(locale, 'validation.required');
    const key = catalogueKey(issue);
    return key ? t(locale, key) : zodLocales[locale](issue);
  };
}

const errorMaps: Record<Locale, z.core.$ZodErrorMap> = { fr: errorMap('fr'), en: errorMap('en') };

/**
 * Parses input with a zod schema, or throws a ValidationError naming the first bad
 * field. The reason is kept in every language: the error handler answers in the
 * reader's (`locale` only chooses the text of the error's own message).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale = 'fr'): z.infer<S> {
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.join('.') : '';
  const localized = {} as LocalizedText;
  for (const l of LOCALES) {
    localized[l] = l === locale ? (issue?.message ?? 'invalid') : (schema.safeParse(input, { error: errorMaps[l] }).error?.issues[0]?.message ?? 'invalid');
  }
  throw new ValidationError(field || 'body', issue?.message ?? 'invalid', localized);
}

import { z } from 'zod';
import type { Locale } from '../config';
import { ValidationError } from './errors';

const errorMaps = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Parses input with a zod schema, or throws a ValidationError naming the first bad field, in the locale. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale = 'fr'): z.infer<S> {
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.join('.') : '';
  throw new ValidationError(field || 'body', issue?.message ?? 'invalid');
}

import { z } from 'zod';
import { SLUG_RE } from '../articles/slug';

// An empty form field ("all sections", no date) means no filter.
const blank = (v: unknown) => (v === '' ? undefined : v);

/** Query of the /search page. */
export const searchPageQuerySchema = z.object({
  q: z.string().trim().max(200).default(''),
  section: z.preprocess(blank, z.string().regex(SLUG_RE, 'lower-case letters, digits and hyphens only').max(80).optional()),
  from: z.preprocess(blank, z.iso.date().optional()),
  to: z.preprocess(blank, z.iso.date().optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(50).default(1)),
});
export type SearchPageQuery = z.infer<typeof searchPageQuerySchema>;

/** Results per page of /search. */
export const SEARCH_PAGE_SIZE = 20;

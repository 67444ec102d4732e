import { z } from 'zod';
import type { Deps } from '../../deps';
import { ValidationError } from '../../web/errors';
import type { Article } from '../articles/article';
import { searchArticleRows } from './search.service';

const cursorSchema = z.object({ offset: z.number().int().min(0).max(10_000) });

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeOffset(after: string): number {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(after, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data.offset;
  } catch {
    /* fall through to the error below */
  }
  throw new ValidationError('after', 'invalid cursor');
}

/**
 * GET /api/v1/articles?q=: published articles matching the words, best first (never a
 * draft or a scheduled article, whoever asks); `next` is the cursor of the following page.
 */
export async function searchArticlesPage(
  deps: Deps,
  o: { q: string; section?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ articles: Article[]; next: string | null }> {
  const offset = o.after ? decodeOffset(o.after) : 0;
  const found = await searchArticleRows(deps, { q: o.q, section: o.section, offset, limit: o.limit });
  return { articles: found.articles, next: found.more ? encodeOffset(offset + o.limit) : null };
}

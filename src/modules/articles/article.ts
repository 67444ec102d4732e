import { z } from 'zod';
import { isArticleSlug, SLUG_RE } from './slug';

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const slug = z.string().regex(SLUG_RE, 'lower-case letters, digits and hyphens only').max(80);
/** An article's slug: lower-case letters of any script, digits and hyphens (NFC, as stored). */
const articleSlugField = z.string().trim().normalize('NFC').max(80).refine(isArticleSlug, 'lower-case letters, digits and hyphens only');
const isoDate = z.iso.datetime({ offset: true });

/** Body of POST /api/v1/articles. */
export const articleCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    slug: articleSlugField.optional(),
    body: z.string().max(500_000).default(''),
    summary: z.string().max(2000).default(''),
    section: slug.nullish(),
    tags: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    authors: z.array(z.number().int().positive()).max(20).optional(),
    dateline: z.string().max(200).default(''),
    status: z.enum(ARTICLE_STATUSES).default('draft'),
    publishAt: isoDate.nullish(),
    commentsOpen: z.boolean().default(true),
    slowModeMinutes: z.number().int().min(0).max(1440).optional(),
    image: z.number().int().positive().nullish(),
    correction: z.string().max(5000).nullish(),
    lang: z.enum(['fr', 'en']).optional(),
  })
  .strict();
export type ArticleCreate = z.infer<typeof articleCreateSchema>;

/** Body of PATCH /api/v1/articles/:id, with some or all of the fields. */
export const articlePatchSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    slug: articleSlugField,
    body: z.string().max(500_000),
    summary: z.string().max(2000),
    section: slug.nullable(),
    tags: z.array(z.string().trim().min(1).max(80)).max(50),
    authors: z.array(z.number().int().positive()).min(1).max(20),
    dateline: z.string().max(200),
    status: z.enum(ARTICLE_STATUSES),
    publishAt: isoDate.nullable(),
    commentsOpen: z.boolean(),
    image: z.number().int().positive().nullable(),
    correction: z.string().max(5000).nullable(),
    lang: z.enum(['fr', 'en']),
    moderation: z.enum(['post', 'pre', 'first-time']).nullable(),
    /** One comment per reader per N minutes on this article (0 = off). */
    slowModeMinutes: z.number().int().min(0).max(1440),
  })
  .partial()
  .strict();
export type ArticlePatch = z.infer<typeof articlePatchSchema>;

/** Query of GET /api/v1/articles. */
export const articleListQuerySchema = z.object({
  status: z.enum(ARTICLE_STATUSES).optional(),
  section: slug.optional(),
  q: z.string().max(200).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Path of the routes about one article (and its revisions' article). */
export const articleIdParams = z.object({ id: z.coerce.number().int().positive() });
/** Path of the routes about one revision of an article. */
export const revisionParams = z.object({ id: z.coerce.number().int().positive(), rid: z.coerce.number().int().positive() });
/** Body of POST /api/v1/preview. */
export const previewSchema = z.object({ body: z.string().max(500_000) }).strict();
/** Body of PUT /api/v1/articles/:id/autosave. */
export const autosaveSchema = z.object({ title: z.string().max(300).default(''), summary: z.string().max(2000).default(''), body: z.string().max(500_000).default('') }).strict();

/** Body of POST /api/v1/sections. */
export const sectionSchema = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z.string().regex(SLUG_RE, 'lower-case letters, digits and hyphens only').max(60).optional(),
}).strict();
/** Body of PATCH /api/v1/sections/:slug. */
export const sectionRenameSchema = z.object({ name: z.string().trim().min(1).max(120) }).strict();

/** An article as stored, joined with its section, tags and authors. */
export interface Article {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  section: { id: number; slug: string; name: string } | null;
  tags: { slug: string; name: string }[];
  authors: { id: number; name: string }[];
  dateline: string;
  storedStatus: 'draft' | 'published';
  publishAt: string | null;
  createdAt: string;
  updatedAt: string;
  commentsOpen: boolean;
  image: number | null;
  correction: string | null;
  lang: string;
  moderation: string | null;
  slowModeMinutes: number;
  /** What an automatic rule put on the article, and until when (may be past: see activeProtection). */
  protection: Protection | null;
  version: number;
}

/** What a new comment needs of its article: whether readers see it, and the rules of its discussion. */
export type DiscussionRules = Pick<Article, 'id' | 'storedStatus' | 'publishAt' | 'commentsOpen' | 'lang' | 'moderation' | 'slowModeMinutes' | 'protection'>;

/** A stricter mode an automatic rule switched the article to, for a time. */
export interface Protection {
  mode: 'pre' | 'slow';
  slowModeMinutes: number;
  until: string;
}

/** The protection in force now, if any: it ends by itself when its time is past (no cron). */
export function activeProtection(a: Pick<Article, 'protection'>, now: Date): Protection | null {
  return a.protection && a.protection.until > now.toISOString() ? a.protection : null;
}

/** The article's moderation override now: 'pre' while a rule protects it so, else its own. */
export function effectiveModeration(a: Pick<Article, 'moderation' | 'protection'>, now: Date): string | null {
  return activeProtection(a, now)?.mode === 'pre' ? 'pre' : a.moderation;
}

/** Minutes a reader waits between two comments on the article now (its own, or a rule's if longer). */
export function effectiveSlowMode(a: Pick<Article, 'slowModeMinutes' | 'protection'>, now: Date): number {
  const p = activeProtection(a, now);
  return Math.max(a.slowModeMinutes, p?.mode === 'slow' ? p.slowModeMinutes : 0);
}

/** The status readers and the API see: 'scheduled' is a published article whose time has not come. */
export function effectiveStatus(a: Pick<Article, 'storedStatus' | 'publishAt'>, now: Date): ArticleStatus {
  if (a.storedStatus === 'draft') return 'draft';
  return a.publishAt !== null && a.publishAt > now.toISOString() ? 'scheduled' : 'published';
}

/** Whether readers may see the article now (computed at read time: no cron). */
export function isVisible(a: Pick<Article, 'storedStatus' | 'publishAt'>, now: Date): boolean {
  return effectiveStatus(a, now) === 'published';
}

/** The path of an article's public page. */
export function articlePath(a: Pick<Article, 'slug' | 'section'>): string {
  // A slug in another script than Latin travels percent-encoded (UTF-8); ASCII slugs are unchanged.
  return `/${encodeURIComponent(a.section?.slug ?? 'a')}/${encodeURIComponent(a.slug)}`;
}

/** Whether a request's path names the page at `path`: compared decoded (NFC), so `%d0%bf`, `%D0%BF` and `п` are one. */
export function samePath(requestPath: string, path: string): boolean {
  return decodedPath(requestPath) === decodedPath(path);
}

function decodedPath(p: string): string {
  try {
    return decodeURIComponent(p).normalize('NFC');
  } catch {
    return p;
  }
}

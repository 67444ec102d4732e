import { z } from 'zod';
import { PALABRE_COMMENT_META } from './palabre-meta';
import { child, children, textOf, type XNode } from './xml-stream';

const wpId = z.string().trim().regex(/^\d+$/, 'not a number');
const optionalId = z
  .string()
  .trim()
  .transform((v) => (/^\d+$/.test(v) && v !== '0' ? v : null));

/** `<wp:author>`: a WordPress account that wrote posts. */
export const wxrAuthorSchema = z.object({
  id: wpId,
  login: z.string().trim().min(1, 'empty author_login').max(200),
  email: z.string().trim().toLowerCase().max(320),
  displayName: z.string().trim().max(200),
});
export type WxrAuthor = z.infer<typeof wxrAuthorSchema>;

/** `<wp:category>`: the slug and name of a category. */
export const wxrCategorySchema = z.object({ nicename: z.string().trim().min(1).max(200), name: z.string().trim().max(200), parent: z.string().trim().max(200) });

/** `<item>`: a post, page, attachment or anything else WordPress stores as a post. */
export const wxrItemSchema = z.object({
  id: wpId,
  type: z.string().trim().min(1).max(50),
  title: z.string().max(2000),
  link: z.string().trim().max(2000),
  guid: z.string().trim().max(2000),
  creator: z.string().trim().max(200),
  content: z.string().max(10_000_000),
  excerpt: z.string().max(100_000),
  status: z.string().trim().max(50),
  name: z.string().trim().max(400),
  dateGmt: z.string().trim(),
  date: z.string().trim(),
  pubDate: z.string().trim(),
  commentStatus: z.string().trim(),
  terms: z.array(z.object({ domain: z.string(), nicename: z.string().trim().max(200), name: z.string().trim().max(200) })).max(1000),
  thumbnailId: optionalId,
  attachmentUrl: z.string().trim().max(2000),
  password: z.string().max(255),
  /** Post meta by key (the last value of a repeated key). */
  meta: z.record(z.string(), z.string().max(100_000)),
});
export type WxrItem = z.infer<typeof wxrItemSchema>;

/** `<wp:comment>`: a comment, with its thread parent (0: none). */
export const wxrCommentSchema = z.object({
  id: wpId,
  author: z.string().trim().max(400),
  email: z.string().trim().toLowerCase().max(320),
  url: z.string().trim().max(2000),
  ip: z.string().trim().max(100),
  dateGmt: z.string().trim(),
  date: z.string().trim(),
  content: z.string().max(1_000_000),
  approved: z.string().trim().max(30),
  type: z.string().trim().max(50),
  parent: optionalId,
  userId: optionalId,
  /** Comment meta by key (Palabre's picks: PALABRE_COMMENT_META). */
  meta: z.record(z.string(), z.string().max(100_000)),
});
export type WxrComment = z.infer<typeof wxrCommentSchema>;

/** Reads an author block into its fields (validated by the caller). */
export function authorFields(n: XNode) {
  return { id: textOf(n, 'author_id'), login: textOf(n, 'author_login'), email: textOf(n, 'author_email'), displayName: textOf(n, 'author_display_name') };
}

export function categoryFields(n: XNode) {
  return { nicename: textOf(n, 'category_nicename'), name: textOf(n, 'cat_name'), parent: textOf(n, 'category_parent') };
}

/** A post's `<content:encoded>`: it shares its local name with `<excerpt:encoded>`, whose namespace URI says "excerpt" in every WXR version. */
export function itemContent(n: XNode): string {
  return children(n, 'encoded').find((c) => !c.uri.includes('excerpt'))?.text ?? '';
}

export function itemFields(n: XNode) {
  const meta: Record<string, string> = {};
  for (const m of children(n, 'postmeta')) meta[textOf(m, 'meta_key').trim()] = textOf(m, 'meta_value');
  return {
    id: textOf(n, 'post_id'),
    type: textOf(n, 'post_type') || 'post',
    title: textOf(n, 'title'),
    link: textOf(n, 'link'),
    guid: textOf(n, 'guid'),
    creator: textOf(n, 'creator'),
    content: itemContent(n),
    excerpt: children(n, 'encoded').find((c) => c.uri.includes('excerpt'))?.text ?? '',
    status: textOf(n, 'status'),
    name: textOf(n, 'post_name'),
    dateGmt: textOf(n, 'post_date_gmt'),
    date: textOf(n, 'post_date'),
    pubDate: textOf(n, 'pubDate'),
    commentStatus: textOf(n, 'comment_status'),
    terms: children(n, 'category').map((c) => ({ domain: c.attrs.domain ?? 'category', nicename: c.attrs.nicename ?? '', name: c.text })),
    thumbnailId: meta._thumbnail_id ?? '',
    attachmentUrl: textOf(n, 'attachment_url'),
    password: textOf(n, 'post_password'),
    meta,
  };
}

export function commentFields(n: XNode) {
  return {
    id: textOf(n, 'comment_id'),
    author: textOf(n, 'comment_author'),
    email: textOf(n, 'comment_author_email'),
    url: textOf(n, 'comment_author_url'),
    ip: textOf(n, 'comment_author_IP'),
    dateGmt: textOf(n, 'comment_date_gmt'),
    date: textOf(n, 'comment_date'),
    content: textOf(n, 'comment_content'),
    approved: textOf(n, 'comment_approved'),
    type: textOf(n, 'comment_type'),
    parent: textOf(n, 'comment_parent'),
    userId: textOf(n, 'comment_user_id'),
    meta: Object.fromEntries(children(n, 'commentmeta').map((m) => [textOf(m, 'meta_key').trim(), textOf(m, 'meta_value')])),
  };
}

/**
 * A WordPress date as ISO UTC: the GMT column when set (WordPress writes
 * `0000-00-00 00:00:00` for drafts never published), else the RFC 822 pubDate,
 * else the local date read as UTC. Null when none is usable.
 */
export function wpDate(gmt: string, pubDate = '', local = ''): string | null {
  const mysql = (v: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(v);
    if (!m || m[1] === '0000') return null;
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  };
  const fromGmt = mysql(gmt);
  if (fromGmt) return fromGmt;
  const rfc = pubDate ? new Date(pubDate) : undefined;
  if (rfc && !Number.isNaN(rfc.getTime()) && rfc.getUTCFullYear() > 1970) return rfc.toISOString();
  return mysql(local);
}

/**
 * A Palabre pick carried as comment meta (PALABRE_COMMENT_META): when it was picked, the
 * comment's own date when the export did not say; null when the comment was not picked.
 */
export function commentPickedAt(meta: Record<string, string>, commentDate: string): string | null {
  const flag = meta[PALABRE_COMMENT_META.pick]?.trim();
  if (!flag || flag === '0') return null;
  const at = new Date(meta[PALABRE_COMMENT_META.pickedAt]?.trim() ?? '');
  return Number.isNaN(at.getTime()) ? commentDate : at.toISOString();
}

/** Whether the node has the element (used to tell a WordPress export from other RSS). */
export function has(n: XNode, name: string): boolean {
  return child(n, name) !== undefined;
}

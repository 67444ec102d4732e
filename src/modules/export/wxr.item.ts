import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { fragment } from 'xmlbuilder2';
import { renderArticleMarkdown } from '../../web/markdown';
import { articlePath, effectiveStatus, type Article } from '../articles/article';
import type { CommentStatus } from '../comments/comment';
import type { ExportedComment } from '../comments/comment-bulk.service';
import { PALABRE_COMMENT_META, PALABRE_META } from '../importers/palabre-meta';

/** Palabre status → WordPress comment_approved (rejected and deleted go to the trash, where WordPress keeps them). */
const APPROVED: Record<CommentStatus, string> = { published: '1', pending: '0', spam: 'spam', rejected: 'trash', deleted: 'trash' };

/** WordPress post ids are shared by posts and attachments: a featured image gets the article's id past this offset. */
export const ATTACHMENT_ID_OFFSET = 1_000_000_000;

/** CDATA as WordPress writes it, or escaped text when the value cannot be one CDATA section. */
export function cdata(b: XMLBuilder, name: string, value: string): XMLBuilder {
  const el = b.ele(name);
  (value.includes(']]>') ? el.txt(value) : el.dat(value)).up();
  return b;
}

/** `<wp:commentmeta>` as WordPress writes it. */
function commentMeta(comment: XMLBuilder, key: string, value: string): void {
  cdata(cdata(comment.ele('wp:commentmeta'), 'wp:meta_key', key), 'wp:meta_value', value).up();
}

export const login = (id: number) => `user${id}`;
const rfc822 = (iso: string | null) => (iso ? new Date(iso).toUTCString().replace('GMT', '+0000') : '');
const gmtDate = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '0000-00-00 00:00:00');

/** `YYYY-MM-DD HH:MM:SS` in a time zone: WordPress's post_date and comment_date are the site's local time. */
export function localDate(iso: string | null, timeZone: string): string {
  if (!iso) return '0000-00-00 00:00:00';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** What an item needs besides the article. */
export interface ItemContext {
  baseUrl: string;
  timeZone: string;
  now: Date;
  /** Newsroom accounts by id: login, email and name for the bylines. */
  staff: ReadonlyMap<number, { email: string; name: string }>;
  /** Email of each account that commented on this article. */
  commenterEmails: ReadonlyMap<number, string>;
  /** The featured image: an uploaded one, or the address an import recorded. */
  image: { url: string; alt: string } | undefined;
}

function meta(f: XMLBuilder, key: string, value: string): void {
  const m = f.ele('wp:postmeta');
  cdata(m, 'wp:meta_key', key);
  cdata(m, 'wp:meta_value', value);
  m.up();
}

function dates(f: XMLBuilder, iso: string | null, ctx: ItemContext, draft: boolean): void {
  cdata(f, 'wp:post_date', localDate(iso, ctx.timeZone));
  cdata(f, 'wp:post_date_gmt', draft ? gmtDate(null) : gmtDate(iso));
}

/** An article as a WXR `<item>`, with its comments and what WordPress has no field for in post meta. */
export function itemXml(a: Article, comments: ExportedComment[], ctx: ItemContext): string {
  const status = effectiveStatus(a, ctx.now);
  const date = a.publishAt ?? a.createdAt;
  const f = fragment().ele('item');
  cdata(f, 'title', a.title);
  f.ele('link').txt(ctx.baseUrl + articlePath(a)).up();
  f.ele('pubDate').txt(rfc822(date)).up();
  cdata(f, 'dc:creator', a.authors[0] ? login(a.authors[0].id) : '');
  f.ele('guid', { isPermaLink: 'false' }).txt(`${ctx.baseUrl}/?p=${a.id}`).up();
  f.ele('description').up();
  cdata(f, 'content:encoded', renderArticleMarkdown(a.body));
  cdata(f, 'excerpt:encoded', a.summary);
  f.ele('wp:post_id').txt(String(a.id)).up();
  dates(f, date, ctx, status === 'draft');
  cdata(f, 'wp:post_modified', localDate(a.updatedAt, ctx.timeZone));
  cdata(f, 'wp:post_modified_gmt', gmtDate(a.updatedAt));
  cdata(f, 'wp:comment_status', a.commentsOpen ? 'open' : 'closed');
  cdata(f, 'wp:ping_status', 'closed');
  cdata(f, 'wp:post_name', a.slug);
  cdata(f, 'wp:status', status === 'published' ? 'publish' : status === 'scheduled' ? 'future' : 'draft');
  f.ele('wp:post_parent').txt('0').up().ele('wp:menu_order').txt('0').up();
  cdata(f, 'wp:post_type', 'post');
  cdata(f, 'wp:post_password', '');
  f.ele('wp:is_sticky').txt('0').up();
  if (a.section) f.ele('category', { domain: 'category', nicename: a.section.slug }).dat(a.section.name).up();
  for (const t of a.tags) f.ele('category', { domain: 'post_tag', nicename: t.slug }).dat(t.name).up();
  const bylines = a.authors.map((u) => ({ login: login(u.id), email: ctx.staff.get(u.id)?.email ?? '', name: u.name }));
  if (bylines.length > 1) meta(f, PALABRE_META.bylines, JSON.stringify(bylines));
  if (a.dateline) meta(f, PALABRE_META.dateline, a.dateline);
  if (a.correction) meta(f, PALABRE_META.correction, a.correction);
  meta(f, PALABRE_META.lang, a.lang);
  if (ctx.image) meta(f, '_thumbnail_id', String(ATTACHMENT_ID_OFFSET + a.id));
  for (const c of comments) {
    const e = f.ele('wp:comment');
    e.ele('wp:comment_id').txt(String(c.id)).up();
    cdata(e, 'wp:comment_author', c.author_name);
    cdata(e, 'wp:comment_author_email', c.author_email ?? (c.user_id !== null ? (ctx.commenterEmails.get(c.user_id) ?? '') : ''));
    e.ele('wp:comment_author_url').txt(c.author_url ?? '').up();
    cdata(e, 'wp:comment_author_IP', '');
    cdata(e, 'wp:comment_date', localDate(c.created_at, ctx.timeZone));
    cdata(e, 'wp:comment_date_gmt', gmtDate(c.created_at));
    cdata(e, 'wp:comment_content', c.html);
    cdata(e, 'wp:comment_approved', APPROVED[c.status]);
    cdata(e, 'wp:comment_type', 'comment');
    e.ele('wp:comment_parent').txt(String(c.parent_id ?? 0)).up();
    e.ele('wp:comment_user_id').txt(String(c.user_id ?? 0)).up();
    // Issue 14: the newsroom's picks as comment meta.
    if (c.picked) {
      commentMeta(e, PALABRE_COMMENT_META.pick, '1');
      if (c.picked_at) commentMeta(e, PALABRE_COMMENT_META.pickedAt, c.picked_at);
    }
    e.up();
  }
  return f.end({ headless: true });
}

/** The featured image as WordPress's attachment item (the importer downloads it from attachment_url). */
export function attachmentXml(a: Article, image: { url: string; alt: string }, ctx: ItemContext): string {
  const f = fragment().ele('item');
  const name = image.url.split('/').pop()?.replace(/\.[a-z0-9]+$/i, '') ?? `image-${a.id}`;
  cdata(f, 'title', name);
  f.ele('link').txt(image.url).up();
  f.ele('pubDate').txt(rfc822(a.createdAt)).up();
  cdata(f, 'dc:creator', a.authors[0] ? login(a.authors[0].id) : '');
  f.ele('guid', { isPermaLink: 'false' }).txt(image.url).up();
  f.ele('description').up();
  cdata(f, 'content:encoded', '');
  cdata(f, 'excerpt:encoded', '');
  f.ele('wp:post_id').txt(String(ATTACHMENT_ID_OFFSET + a.id)).up();
  dates(f, a.createdAt, ctx, false);
  cdata(f, 'wp:comment_status', 'closed');
  cdata(f, 'wp:ping_status', 'closed');
  cdata(f, 'wp:post_name', name);
  cdata(f, 'wp:status', 'inherit');
  f.ele('wp:post_parent').txt(String(a.id)).up().ele('wp:menu_order').txt('0').up();
  cdata(f, 'wp:post_type', 'attachment');
  cdata(f, 'wp:post_password', '');
  f.ele('wp:is_sticky').txt('0').up();
  cdata(f, 'wp:attachment_url', image.url);
  if (image.alt) meta(f, '_wp_attachment_image_alt', image.alt);
  return f.end({ headless: true });
}

import type { z } from 'zod';
import type { Deps } from '../../deps';
import { insertUser } from '../accounts/user.repository';
import { findUserByEmail } from '../accounts/user.repository';
import { findArticleById } from '../articles/article.repository';
import { slugify } from '../articles/slug';
import type { CommentStatus } from '../comments/comment';
import { createImportedArticle, insertImportedComment, type ImportedArticle } from './import.writer';
import { ImportFormatError } from './importer.errors';
import { findMapping, insertMapping, recordFeaturedImages, setCommentParent } from './import.repository';
import { SummaryBuilder, type ImportSummary } from './import.summary';
import { plainText } from './html-to-markdown';
import { legacyKey } from './legacy-url';
import {
  authorFields,
  categoryFields,
  commentFields,
  itemFields,
  wpDate,
  wxrAuthorSchema,
  wxrCategorySchema,
  wxrCommentSchema,
  wxrItemSchema,
  type WxrComment,
  type WxrItem,
} from './wxr.records';
import { streamXmlRecords, textOf, type XNode, type XRecord } from './xml-stream';

/** Options of an import run. */
export interface ImportOptions {
  /** Bytes read so far and the file's size, after each chunk (the CLI's progress bar). */
  onProgress?(read: number, total: number): void;
}

/** WordPress comment_approved → Palabre status. */
const COMMENT_STATUS: Record<string, CommentStatus> = { '1': 'published', approve: 'published', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'rejected', 'post-trashed': 'rejected' };
const SUPPORTED_VERSIONS = ['1.0', '1.1', '1.2'];
/** Comments are written in batches of this size, one transaction each. */
const BATCH = 200;

interface ItemState {
  node: XNode;
  articleId: number | null;
  /** WordPress comment id → local id, for this post's threads. */
  comments: Map<string, number>;
  pending: { commentId: number; parentWpId: string }[];
  buffer: WxrComment[];
}

/** Reads a WXR file (WordPress 1.0 to 1.2) as a stream and writes what it holds; see docs/importers.md. */
export async function importWxr(deps: Deps, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const run = new WxrImport(deps);
  await streamXmlRecords(file, {
    isRecord: (path) => {
      if (path.length === 1 && path[0] !== 'rss') throw new ImportFormatError(`not a WordPress export: the root element is <${path[0] ?? ''}>, not <rss>`);
      return path[1] === 'channel' && (path.length === 3 || (path.length === 4 && path[2] === 'item' && path[3] === 'comment'));
    },
    onRecord: (r) => run.onRecord(r),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return run.finish();
}

class WxrImport {
  private readonly s = new SummaryBuilder('wxr');
  private readonly channel: Record<string, string> = {};
  private readonly authors = new Map<string, number>();
  private readonly authorIds = new Map<string, number>();
  private readonly categories = new Map<string, string>();
  private item: ItemState | undefined;

  constructor(private readonly deps: Deps) {}

  private get source(): string {
    return this.s.summary.source;
  }

  async onRecord(r: XRecord): Promise<void> {
    const { node } = r;
    if (r.path.length === 4) {
      if (this.item?.node !== r.parent && r.parent) this.item = await this.startItem(r.parent);
      return this.addComment(node);
    }
    if (node.name === 'item') {
      if (this.item?.node !== node) this.item = await this.startItem(node);
      await this.finishItem();
      this.item = undefined;
      return;
    }
    if (!['author', 'category', 'tag', 'term'].includes(node.name)) {
      this.channel[node.name] = node.text.trim();
      return;
    }
    this.begin();
    if (node.name === 'author') await this.addAuthor(node);
    else if (node.name === 'category') {
      const c = wxrCategorySchema.safeParse(categoryFields(node));
      if (c.success) this.categories.set(c.data.nicename, plainText(c.data.name) || c.data.nicename);
    }
  }

  /** Checks the header once, when the first content arrives: the version and where the site was. */
  private begin(): void {
    if (this.source) return;
    const version = this.channel.wxr_version;
    if (!version) throw new ImportFormatError('not a WordPress export: no <wp:wxr_version> before the content');
    if (!SUPPORTED_VERSIONS.includes(version)) this.s.warn(`WXR version ${version} is not one of ${SUPPORTED_VERSIONS.join(', ')}; read as 1.2`);
    this.s.summary.version = version;
    const site = this.channel.base_blog_url || this.channel.link || this.channel.base_site_url || 'unknown';
    this.s.summary.source = `wxr:${site.replace(/\/+$/, '')}`;
  }

  private parse<T extends z.ZodType>(schema: T, fields: unknown, what: string): z.infer<T> | undefined {
    const r = schema.safeParse(fields);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    this.s.warn(`${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}; skipped`);
    this.s.skipped('invalid');
    return undefined;
  }

  private async addAuthor(node: XNode): Promise<void> {
    const a = this.parse(wxrAuthorSchema, authorFields(node), `author ${textOf(node, 'author_login')}`);
    if (!a) return;
    const mapped = await findMapping(this.deps.db, this.source, 'author', a.id);
    let userId = mapped?.local_id ?? undefined;
    if (userId !== undefined) this.s.existing('users');
    else {
      const email = a.email.includes('@') ? a.email : `${slugify(a.login)}@users.invalid`;
      if (email !== a.email) this.s.warn(`author ${a.login} has no email; given ${email}`);
      const known = await findUserByEmail(this.deps.db, email);
      if (known) {
        userId = known.id;
        this.s.existing('users');
      } else {
        const name = plainText(a.displayName) || a.login;
        userId = await insertUser(this.deps.db, { email, name, role: 'author', passwordHash: null, createdAt: this.deps.clock.now().toISOString() });
        this.s.created('users');
      }
      await insertMapping(this.deps.db, { source: this.source, kind: 'author', external_id: a.id, local_id: userId, created_at: this.deps.clock.now().toISOString() });
    }
    this.authors.set(a.login, userId);
    this.authorIds.set(a.id, userId);
  }

  private async startItem(node: XNode): Promise<ItemState> {
    this.begin();
    const state: ItemState = { node, articleId: null, comments: new Map(), pending: [], buffer: [] };
    const item = this.parse(wxrItemSchema, itemFields(node), `item ${textOf(node, 'post_id')}`);
    if (!item) return state;
    const now = this.deps.clock.now().toISOString();
    if (item.type === 'attachment') {
      const known = await findMapping(this.deps.db, this.source, 'attachment', item.id);
      if (known) this.s.existing('attachments');
      else this.s.created('attachments');
      await insertMapping(this.deps.db, { source: this.source, kind: 'attachment', external_id: item.id, local_id: null, data: item.attachmentUrl || item.guid, created_at: now });
      return state;
    }
    if (item.type !== 'post' && item.type !== 'page') {
      this.s.skipped(item.type);
      return state;
    }
    if (['trash', 'auto-draft', 'inherit'].includes(item.status)) {
      this.s.skipped(`status ${item.status}`);
      return state;
    }
    const mapped = await findMapping(this.deps.db, this.source, 'post', item.id);
    if (mapped?.local_id) {
      state.articleId = (await findArticleById(this.deps.db, mapped.local_id)) ? mapped.local_id : null;
      this.s.existing('articles');
      return state;
    }
    state.articleId = await this.createArticle(item);
    return state;
  }

  private async createArticle(item: WxrItem): Promise<number> {
    const categories = item.terms.filter((t) => t.domain === 'category');
    const tags = item.terms.filter((t) => t.domain === 'post_tag' || t.domain === 'category').filter((t) => t !== categories[0]);
    const first = categories[0];
    const authorId = this.authors.get(item.creator);
    if (authorId === undefined && item.creator) this.s.warn(`post ${item.id}: author ${item.creator} is not in the file's author list`);
    const date = wpDate(item.dateGmt, item.pubDate, item.date);
    const legacy = [legacyKey(item.link), legacyKey(`/?${item.type === 'page' ? 'page_id' : 'p'}=${item.id}`), legacyKey(item.guid)];
    const input: ImportedArticle = {
      source: this.source,
      externalId: item.id,
      title: plainText(item.title),
      slugWanted: decodeSlug(item.name),
      content: item.content,
      excerpt: item.excerpt,
      section: first ? { nicename: decodeSlug(first.nicename) || slugify(first.name), name: plainText(first.name) || this.categories.get(first.nicename) || first.nicename } : null,
      tags: tags.map((t) => ({ slug: decodeSlug(t.nicename) || slugify(t.name), name: plainText(t.name) })),
      authorIds: authorId !== undefined ? [authorId] : [],
      status: item.status === 'publish' || item.status === 'future' ? 'published' : 'draft',
      publishAt: item.status === 'publish' || item.status === 'future' ? (date ?? this.deps.clock.now().toISOString()) : null,
      createdAt: date ?? this.deps.clock.now().toISOString(),
      commentsOpen: item.commentStatus !== 'closed',
      lang: langOf(this.channel.language, this.deps.config.locale),
      legacyPaths: legacy.filter((p): p is string => p !== undefined),
      thumbnailId: item.thumbnailId,
    };
    const result = await createImportedArticle(this.deps, input);
    this.s.created('articles');
    if (result.sectionCreated) this.s.created('sections');
    if (result.tagsCreated) this.s.created('tags', result.tagsCreated);
    if (result.redirects) this.s.created('redirects', result.redirects);
    return result.id;
  }

  private async addComment(node: XNode): Promise<void> {
    const item = this.item;
    const c = this.parse(wxrCommentSchema, commentFields(node), `comment ${textOf(node, 'comment_id')}`);
    if (!c || !item) return;
    if (item.articleId === null) {
      this.s.skipped('comments of skipped items');
      return;
    }
    item.buffer.push(c);
    if (item.buffer.length >= BATCH) await this.flush(item);
  }

  private async flush(item: ItemState): Promise<void> {
    const batch = item.buffer.splice(0);
    const articleId = item.articleId;
    if (batch.length === 0 || articleId === null) return;
    await this.deps.dialect.writeTransaction(this.deps.db, async (db) => {
      for (const c of batch) {
        if (c.type === 'pingback' || c.type === 'trackback') {
          this.s.skipped(c.type);
          continue;
        }
        const mapped = await findMapping(db, this.source, 'comment', c.id);
        if (mapped?.local_id) {
          item.comments.set(c.id, mapped.local_id);
          this.s.existing('comments');
          continue;
        }
        const status = COMMENT_STATUS[c.approved];
        if (!status) this.s.warn(`comment ${c.id}: unknown comment_approved "${c.approved}"; held as pending`);
        const parentId = c.parent ? item.comments.get(c.parent) : undefined;
        const id = await insertImportedComment({ ...this.deps, db }, {
          source: this.source,
          externalId: c.id,
          articleId,
          parentId: parentId ?? null,
          userId: c.userId ? (this.authorIds.get(c.userId) ?? null) : null,
          name: plainText(c.author),
          email: c.email,
          ip: c.ip,
          html: c.content,
          status: status ?? 'pending',
          origin: `wordpress comment_approved=${c.approved}`,
          createdAt: wpDate(c.dateGmt, '', c.date) ?? this.deps.clock.now().toISOString(),
        });
        if (c.parent && parentId === undefined) item.pending.push({ commentId: id, parentWpId: c.parent });
        item.comments.set(c.id, id);
        this.s.created('comments');
      }
    });
  }

  private async finishItem(): Promise<void> {
    const item = this.item;
    if (!item) return;
    await this.flush(item);
    for (const p of item.pending) {
      const parentId = item.comments.get(p.parentWpId);
      if (parentId !== undefined) await setCommentParent(this.deps.db, p.commentId, parentId);
      else this.s.warn(`comment ${p.commentId}: its parent (WordPress comment ${p.parentWpId}) is not in the file; kept at the top level`);
    }
  }

  async finish(): Promise<ImportSummary> {
    if (!this.source) {
      if (!this.channel.wxr_version) throw new ImportFormatError('not a WordPress export: no <wp:wxr_version> found');
      this.begin();
    }
    const images = await recordFeaturedImages(this.deps.db, this.source);
    if (images) this.s.created('images', images);
    await this.deps.cache.invalidate(['*']);
    return this.s.summary;
  }
}

/** WordPress percent-encodes non-ASCII slugs. */
function decodeSlug(s: string): string {
  let v = s;
  try {
    v = decodeURIComponent(s);
  } catch {
    /* keep it as written */
  }
  return v ? slugify(v) : '';
}

function langOf(language: string | undefined, fallback: 'fr' | 'en'): 'fr' | 'en' {
  const l = (language ?? '').slice(0, 2).toLowerCase();
  return l === 'fr' || l === 'en' ? l : fallback;
}

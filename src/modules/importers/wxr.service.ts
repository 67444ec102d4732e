import type { z } from 'zod';
import type { Deps } from '../../deps';
import { getArticleById } from '../articles/article.read-model';
import type { CommentStatus } from '../comments/comment';
import { withCommentRenderer, type CommentRenderer } from './comment-renderer';
import { plainText } from './html-to-markdown';
import { findMapping, insertMapping, recordFeaturedImages } from './import.repository';
import { SummaryBuilder, withSummaryOnFailure, type ImportSummary } from './import.summary';
import { withImportCache, WriteWindow } from './import.window';
import { createImportedArticle, showImportedImages } from './import.writer';
import { ImportFormatError } from './importer.errors';
import { WxrCommentQueue } from './wxr.comments';
import { articleFromItem, type WxrCategory } from './wxr.article';
import { WxrPostBodies } from './wxr.bodies';
import { readHeader } from './wxr.header';
import { WxrPeople } from './wxr.people';
import { authorFields, categoryFields, commentFields, commentPickedAt, itemFields, wpDate, wxrAuthorSchema, wxrCategorySchema, wxrCommentSchema, wxrItemSchema, type WxrItem } from './wxr.records';
import { streamXmlRecords, type XNode, type XRecord } from './xml-stream';

/** Options of an import run. */
export interface ImportOptions {
  /** Bytes read so far and the file's size, after each chunk (the CLI's progress bar). */
  onProgress?: (read: number, total: number) => void;
  /** Disqus: create an article for each thread that matches none. */
  createArticles?: boolean;
  /** Read malformed XML with the parser's recovery, listing what it skipped. */
  tolerant?: boolean;
  /** WXR: another comment render worker script than the built one (tests give one that fails). */
  renderWorker?: URL;
}

/** WordPress comment_approved → Palabre status. */
const COMMENT_STATUS: Record<string, CommentStatus> = { '1': 'published', approve: 'published', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'rejected', 'post-trashed': 'rejected' };
/**
 * One transaction holds a batch of comments (COMMENT_BATCH) and the posts read with it: a
 * few commits per thousand comments. It also ends after this many posts, for files with
 * few comments.
 */
const POSTS_PER_BATCH = 200;

interface ItemState {
  node: XNode;
  articleId: number | null;
}

/** Reads a WXR file (WordPress 1.0 to 1.2) as a stream and writes what it holds; see docs/migration.md. */
export async function importWxr(deps: Deps, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const s = new SummaryBuilder('wxr');
  return withSummaryOnFailure(s, () =>
    // Comments are rendered on a worker thread while the file is read and written here.
    withCommentRenderer(opts.renderWorker, (renderer) =>
      withImportCache(deps, async () => {
        const run = new WxrImport(deps, s, renderer);
        try {
          await run.read(file, opts);
          return await run.finish();
        } catch (err) {
          await run.abort();
          throw err;
        }
      }),
    ),
  );
}

class WxrImport {
  private readonly channel: Record<string, string> = {};
  private readonly people: WxrPeople;
  /** Posts' bodies converted on the render worker ahead of the records. */
  private readonly bodies: WxrPostBodies;
  private readonly categories = new Map<string, WxrCategory>();
  private item: ItemState | undefined;
  private readonly comments: WxrCommentQueue;
  /** The open transaction; `deps` is its handle while records are read. */
  private readonly window: WriteWindow;
  private deps: Deps;
  private postsInWindow = 0;

  constructor(
    private readonly base: Deps,
    readonly s: SummaryBuilder,
    renderer: CommentRenderer,
  ) {
    this.comments = new WxrCommentQueue(s, renderer);
    this.people = new WxrPeople(s);
    this.bodies = new WxrPostBodies(renderer);
    this.window = new WriteWindow(base);
    this.deps = base;
  }

  async read(file: string, opts: ImportOptions): Promise<void> {
    await streamXmlRecords(file, {
      isRecord: (path) => {
        if (path.length === 1 && path[0] !== 'rss') throw new ImportFormatError(`not a WordPress export: the root element is <${path[0] ?? ''}>, not <rss>`);
        return path[1] === 'channel' && (path.length === 3 || (path.length === 4 && path[2] === 'item' && path[3] === 'comment'));
      },
      onRecord: (r) => this.onRecord(r),
      onChunk: (records) => this.bodies.lookAhead(records),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.tolerant ? { onRecovered: (m: string) => this.s.warn(`XML repaired: ${m}`) } : {}),
    });
  }

  /** The import stopped: the batch being written is rolled back, and the summary says what was committed. */
  async abort(): Promise<void> {
    if (!this.window.pending) return;
    await this.window.rollback();
    this.s.rollBack();
    this.s.warn('the batch being written when the import stopped was rolled back; the counts are what was committed, and running the same file again writes the rest');
  }

  private get source(): string {
    return this.s.summary.source;
  }

  async onRecord(r: XRecord): Promise<void> {
    this.deps = await this.window.deps();
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
    this.begin(node);
    if (node.name === 'author') await this.addAuthor(node);
    else if (node.name === 'category') {
      const c = wxrCategorySchema.safeParse(categoryFields(node));
      if (c.success) this.categories.set(c.data.nicename, { name: plainText(c.data.name) || c.data.nicename, parent: c.data.parent });
    }
  }

  /** Checks the header once, when the first content arrives: the version and where the site was. */
  private begin(node?: XNode): void {
    if (this.source) return;
    const header = readHeader(this.channel, node, (m) => this.s.warn(m));
    this.s.summary.version = header.version;
    this.s.summary.source = header.source;
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
    const a = this.parse(wxrAuthorSchema, authorFields(node), `author ${node.children.find((c) => c.name === 'author_login')?.text ?? ''}`);
    if (a) await this.people.addAuthor(this.deps, a);
  }

  private async startItem(node: XNode): Promise<ItemState> {
    this.begin(node);
    const state: ItemState = { node, articleId: null };
    const item = this.parse(wxrItemSchema, itemFields(node), `item ${node.children.find((c) => c.name === 'post_id')?.text ?? ''}`);
    // The worker's body is taken only when an article is written; skipped and known posts forget it.
    const pending = this.bodies.claim(node, item?.content);
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
      state.articleId = (await getArticleById(this.deps, mapped.local_id)) ? mapped.local_id : null;
      this.s.existing('articles');
      return state;
    }
    state.articleId = await this.createArticle(item, await pending?.ifReady());
    return state;
  }

  /** `body`: the content's Markdown from the render worker (converted by the writer when undefined: not back yet). */
  private async createArticle(item: WxrItem, body: string | undefined): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    const { drafted, ...input } = articleFromItem(item, { source: this.source, categories: this.categories, siteLanguage: this.channel.language, locale: this.deps.config.locale, now });
    const result = await createImportedArticle(this.deps, { ...input, ...(body !== undefined ? { body } : {}), authorIds: await this.people.bylines(this.deps, item) }, (id) => this.window.articleSaved(id), this.window.terms);
    this.postsInWindow += 1;
    this.s.created('articles');
    if (drafted) {
      this.s.drafted(drafted);
      this.s.warn(`post ${item.id} "${input.title}" is ${drafted} in WordPress: imported as a draft`);
    }
    if (result.sectionCreated) this.s.created('sections');
    if (result.tagsCreated) this.s.created('tags', result.tagsCreated);
    if (result.redirects) this.s.created('redirects', result.redirects);
    return result.id;
  }

  private async addComment(node: XNode): Promise<void> {
    const item = this.item;
    const c = this.parse(wxrCommentSchema, commentFields(node), `comment ${node.children.find((x) => x.name === 'comment_id')?.text ?? ''}`);
    if (!c || !item) return;
    if (item.articleId === null) {
      this.s.skipped('comments of skipped items');
      return;
    }
    if (c.type === 'pingback' || c.type === 'trackback') {
      this.s.skipped(c.type);
      return;
    }
    const status = COMMENT_STATUS[c.approved];
    if (!status) this.s.warn(`comment ${c.id}: unknown comment_approved "${c.approved}"; held as pending`);
    const createdAt = wpDate(c.dateGmt, '', c.date) ?? this.deps.clock.now().toISOString();
    this.comments.add({
      externalId: c.id,
      parentExternalId: c.parent,
      articleId: item.articleId,
      userId: await this.people.commenter(this.deps, c.userId, c.email, c.author),
      name: plainText(c.author),
      email: c.email,
      url: c.url,
      ip: c.ip,
      html: c.content,
      status: status ?? 'pending',
      reasons: status === 'published' ? [] : [{ code: 'imported', detail: `wordpress comment_approved=${c.approved}` }],
      createdAt,
      pickedAt: commentPickedAt(c.meta, createdAt),
    });
    if (this.comments.full) await this.flush(false);
  }

  /** Writes the waiting comments (`final`: the open post is over) and, unless final, commits the batch. */
  private async flush(final: boolean): Promise<void> {
    await this.comments.write(this.deps, this.source, final ? null : (this.item?.articleId ?? null));
    if (!final) await this.commit();
  }

  /** Commits the batch: its posts, comments, accounts and mappings are written for good. */
  private async commit(): Promise<void> {
    await this.window.commit();
    this.s.checkpoint();
    this.postsInWindow = 0;
    this.deps = this.base;
  }

  /** A post ends: its replies still waiting for a parent will not get one from later posts. */
  private async finishItem(): Promise<void> {
    const articleId = this.item?.articleId ?? null;
    if (articleId !== null && this.comments.waitsOn(articleId)) await this.flush(true);
    if (this.postsInWindow >= POSTS_PER_BATCH) await this.flush(false);
  }

  async finish(): Promise<ImportSummary> {
    this.deps = await this.window.deps();
    await this.flush(true);
    if (!this.source) this.begin();
    await this.commit();
    const images = await recordFeaturedImages(this.deps.db, this.source);
    if (images) this.s.created('images', images);
    await showImportedImages(this.deps, this.source);
    await this.deps.cache.invalidate(['*']);
    return this.s.summary;
  }
}

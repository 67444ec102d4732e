import { z } from 'zod';
import type { Deps } from '../../deps';
import { getArticleById } from '../articles/article.read-model';
import { articlePath } from '../articles/article';
import type { CommentStatus, Reason } from '../comments/comment';
import { linkOrphans, writeCommentBatch, type SourceComment } from './comment-batch';
import { importedSlug, plainText } from './html-to-markdown';
import { findMapping, insertLegacyUrl, insertMapping } from './import.repository';
import { SummaryBuilder, withSummaryOnFailure, type ImportSummary } from './import.summary';
import { withImportCache } from './import.window';
import { createImportedArticle } from './import.writer';
import { ImportFormatError } from './importer.errors';
import { findArticleIdForThread, isHomePage, legacyKey } from './legacy-url';
import type { ImportOptions } from './wxr.service';
import { child, streamXmlRecords, textOf, type XNode, type XRecord } from './xml-stream';

const dsqId = z.string().trim().regex(/^\d+$/, 'not a Disqus id');
const flag = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase() === 'true');

/** `<thread>`: a page of the old site that had a discussion. */
const threadSchema = z.object({
  id: dsqId,
  identifier: z.string().trim().max(2000),
  forum: z.string().trim().max(200),
  link: z.string().trim().max(2000),
  title: z.string().max(2000),
  message: z.string().max(1_000_000),
  createdAt: z.iso.datetime({ offset: true }).or(z.literal('')),
  isClosed: flag,
  isDeleted: flag,
});
type DisqusThread = z.infer<typeof threadSchema>;

/** `<post>`: a comment, with its thread and parent. */
const postSchema = z.object({
  id: dsqId,
  thread: dsqId,
  parent: z.string().trim().optional(),
  message: z.string().max(1_000_000),
  createdAt: z.iso.datetime({ offset: true }),
  isDeleted: flag,
  isSpam: flag,
  name: z.string().trim().max(400),
  email: z.string().trim().toLowerCase().max(320),
  url: z.string().trim().max(2000),
  ip: z.string().trim().max(100),
});
type DisqusPost = z.infer<typeof postSchema>;

const BATCH = 500;

/** Where a thread's posts go: an article (null: none), and whether the thread was deleted. */
interface ThreadTarget {
  articleId: number | null;
  deleted: boolean;
}

/**
 * Reads a Disqus XML export as a stream: threads attach to articles by URL (or become
 * articles with `createArticles`), posts keep parents and flags. Posts are written in
 * batches, each committed; on failure the error carries the summary of what was.
 */
export async function importDisqus(deps: Deps, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const run = new DisqusImport(deps, opts);
  return withSummaryOnFailure(run.s, () => withImportCache(deps, () => run.readAll(file, opts)));
}

class DisqusImport {
  readonly s = new SummaryBuilder('disqus');
  /** Disqus thread id → where its posts go. Threads are few. */
  private readonly threads = new Map<string, ThreadTarget>();
  private buffer: DisqusPost[] = [];
  private orphans: { id: number; parentExternalId: string }[] = [];

  constructor(
    private readonly deps: Deps,
    private readonly opts: ImportOptions,
  ) {}

  /** Reads the file and writes what it holds; what was read before an error is written too. */
  async readAll(file: string, opts: ImportOptions): Promise<ImportSummary> {
    try {
      await streamXmlRecords(file, {
        isRecord: (path) => {
          if (path.length === 1 && path[0] !== 'disqus') throw new ImportFormatError(`not a Disqus export: the root element is <${path[0] ?? ''}>, not <disqus>`);
          return path.length === 2;
        },
        onRecord: (r) => this.onRecord(r),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.tolerant ? { onRecovered: (m: string) => this.recovered(m) } : {}),
      });
    } catch (err) {
      // What was read before the error is written, so the summary and the database agree.
      await this.flush();
      throw err;
    }
    return this.finish();
  }

  recovered(message: string): void {
    this.s.skipped('XML errors repaired');
    this.s.warn(`malformed XML, read in tolerant mode: ${message}`);
  }

  async onRecord(r: XRecord): Promise<void> {
    if (r.node.name === 'thread') await this.addThread(r.node);
    else if (r.node.name === 'post') {
      const p = postSchema.safeParse(postFields(r.node));
      if (!p.success) {
        this.s.warn(`post ${r.node.attrs.id ?? '?'}: ${p.error.issues[0]?.path.join('.') ?? ''} ${p.error.issues[0]?.message ?? 'invalid'}; skipped`);
        this.s.skipped('invalid');
        return;
      }
      this.buffer.push(p.data);
      if (this.buffer.length >= BATCH) await this.flush();
    }
  }

  private async addThread(node: XNode): Promise<void> {
    const t = threadSchema.safeParse(threadFields(node));
    if (!t.success) {
      this.s.warn(`thread ${node.attrs.id ?? '?'}: ${t.error.issues[0]?.path.join('.') ?? ''} ${t.error.issues[0]?.message ?? 'invalid'}; skipped`);
      this.s.skipped('invalid');
      return;
    }
    const thread = t.data;
    if (!this.s.summary.source) this.s.summary.source = `disqus:${thread.forum || 'unknown'}`;
    if (thread.isDeleted) this.s.skipped('deleted threads (their posts kept as deleted)');
    const articleId = await this.articleFor(thread);
    this.threads.set(thread.id, { articleId, deleted: thread.isDeleted });
  }

  /** The article of a thread: mapped by an earlier run, found by URL, or created (`createArticles`). */
  private async articleFor(thread: DisqusThread): Promise<number | null> {
    const source = this.s.summary.source;
    const mapped = await findMapping(this.deps.db, source, 'thread', thread.id);
    if (mapped?.local_id && (await getArticleById(this.deps, mapped.local_id))) {
      this.s.existing('threads');
      return mapped.local_id;
    }
    const home = isHomePage(thread.link);
    let articleId = home ? undefined : await findArticleIdForThread(this.deps, thread.link, thread.identifier);
    if (articleId !== undefined) {
      this.s.created('threads matched');
      const key = legacyKey(thread.link);
      const article = await getArticleById(this.deps, articleId);
      if (key && article && key !== articlePath(article) && (await insertLegacyUrl(this.deps.db, key, articleId))) this.s.created('redirects');
    } else if (this.opts.createArticles) {
      articleId = await this.createArticle(thread, home);
    } else {
      this.s.skipped(home ? 'threads on the home page' : 'threads without a matching article');
      this.s.unmatched(thread.link);
      return null;
    }
    await insertMapping(this.deps.db, { source, kind: 'thread', external_id: thread.id, local_id: articleId, data: thread.link, created_at: this.deps.clock.now().toISOString() });
    return articleId;
  }

  /**
   * An article for a thread that matches none: its title, its link (answering 301 here,
   * except the home page, which stays the home page), its date. Published unless the
   * thread was deleted or closed at Disqus, in which case it waits as a draft.
   */
  private async createArticle(thread: DisqusThread, home: boolean): Promise<number> {
    const key = home ? undefined : legacyKey(thread.link);
    const created = thread.createdAt ? new Date(thread.createdAt).toISOString() : this.deps.clock.now().toISOString();
    const live = !thread.isDeleted && !thread.isClosed;
    const title = plainText(thread.title) || thread.link;
    const lastSegment = key?.split('?')[0]?.split('/').filter(Boolean).pop() ?? '';
    const result = await createImportedArticle(this.deps, {
      source: this.s.summary.source,
      externalId: `thread-${thread.id}`,
      title,
      slugWanted: importedSlug(lastSegment.replace(/\.[a-z0-9]+$/i, '')) || importedSlug(title),
      content: thread.message,
      excerpt: '',
      section: null,
      tags: [],
      authorIds: [],
      status: live ? 'published' : 'draft',
      publishAt: live ? created : null,
      createdAt: created,
      commentsOpen: !thread.isClosed,
      lang: this.deps.config.locale,
      dateline: '',
      correction: null,
      legacyPaths: key ? [key] : [],
      thumbnailId: null,
    });
    this.s.created(home ? 'articles (home page thread)' : 'articles');
    if (!live) this.s.drafted(thread.isDeleted ? 'deleted thread' : 'closed thread');
    return result.id;
  }

  async flush(): Promise<void> {
    const batch = this.buffer.splice(0);
    if (batch.length === 0) return;
    const source = this.s.summary.source || 'disqus:unknown';
    const comments: SourceComment[] = [];
    for (const p of batch) {
      const target = this.threads.get(p.thread);
      if (!target || target.articleId === null) {
        this.s.skipped(target ? 'posts of unmatched threads' : 'posts of unknown threads');
        continue;
      }
      const reasons: Reason[] = [
        ...(p.isSpam ? [{ code: 'imported', detail: 'disqus isSpam' }] : []),
        ...(p.isDeleted ? [{ code: 'imported', detail: 'disqus isDeleted' }] : []),
        ...(target.deleted ? [{ code: 'imported', detail: 'disqus thread isDeleted' }] : []),
      ];
      const status: CommentStatus = p.isDeleted || target.deleted ? 'deleted' : p.isSpam ? 'spam' : 'published';
      comments.push({
        externalId: p.id,
        parentExternalId: p.parent || null,
        articleId: target.articleId,
        userId: null,
        name: plainText(p.name),
        email: p.email,
        url: p.url,
        ip: p.ip,
        html: p.message,
        status,
        reasons,
        createdAt: new Date(p.createdAt).toISOString(),
      });
    }
    const r = await writeCommentBatch(this.deps, source, comments);
    this.orphans.push(...r.orphans);
    if (r.created) this.s.created('comments', r.created);
    if (r.existing) this.s.existing('comments', r.existing);
  }

  async finish(): Promise<ImportSummary> {
    await this.flush();
    const source = this.s.summary.source;
    if (!source) throw new ImportFormatError('not a Disqus export: no <thread> found');
    for (const o of await linkOrphans(this.deps, source, this.orphans)) {
      this.s.warn(`comment ${o.id}: its parent (Disqus post ${o.parentExternalId}) is not in the file; kept at the top level`);
    }
    await this.deps.cache.invalidate(['*']);
    return this.s.summary;
  }
}

function threadFields(n: XNode) {
  return {
    id: n.attrs.id ?? '',
    identifier: textOf(n, 'id'),
    forum: textOf(n, 'forum'),
    link: textOf(n, 'link'),
    title: textOf(n, 'title'),
    message: textOf(n, 'message'),
    createdAt: textOf(n, 'createdAt').trim(),
    isClosed: textOf(n, 'isClosed') || 'false',
    isDeleted: textOf(n, 'isDeleted') || 'false',
  };
}

function postFields(n: XNode) {
  const author = child(n, 'author');
  return {
    id: n.attrs.id ?? '',
    thread: child(n, 'thread')?.attrs.id ?? '',
    parent: child(n, 'parent')?.attrs.id,
    message: textOf(n, 'message'),
    createdAt: textOf(n, 'createdAt').trim(),
    isDeleted: textOf(n, 'isDeleted') || 'false',
    isSpam: textOf(n, 'isSpam') || 'false',
    name: textOf(author, 'name') || textOf(author, 'username'),
    email: textOf(author, 'email'),
    url: textOf(author, 'link') || textOf(author, 'url'),
    ip: textOf(n, 'ipAddress'),
  };
}

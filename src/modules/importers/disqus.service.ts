import { z } from 'zod';
import type { Deps } from '../../deps';
import { findArticleById } from '../articles/article.repository';
import { articlePath } from '../articles/article';
import type { CommentStatus } from '../comments/comment';
import { insertImportedComment } from './import.writer';
import { ImportFormatError } from './importer.errors';
import { findMapping, insertLegacyUrl, insertMapping, setCommentParent } from './import.repository';
import { SummaryBuilder, type ImportSummary } from './import.summary';
import { plainText } from './html-to-markdown';
import { findArticleIdForUrl, legacyKey } from './legacy-url';
import type { ImportOptions } from './wxr.service';
import { child, streamXmlRecords, textOf, type XNode, type XRecord } from './xml-stream';

const dsqId = z.string().trim().regex(/^\d+$/, 'not a Disqus id');
const flag = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase() === 'true');

/** `<thread>`: a page of the old site that had a discussion. */
const threadSchema = z.object({ id: dsqId, forum: z.string().trim().max(200), link: z.string().trim().max(2000), title: z.string().max(2000) });

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
  ip: z.string().trim().max(100),
});
type DisqusPost = z.infer<typeof postSchema>;

const BATCH = 200;

/** Reads a Disqus XML export as a stream: threads attach to articles by URL, posts keep parents and flags. */
export async function importDisqus(deps: Deps, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const run = new DisqusImport(deps);
  await streamXmlRecords(file, {
    isRecord: (path) => {
      if (path.length === 1 && path[0] !== 'disqus') throw new ImportFormatError(`not a Disqus export: the root element is <${path[0] ?? ''}>, not <disqus>`);
      return path.length === 2;
    },
    onRecord: (r) => run.onRecord(r),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return run.finish();
}

class DisqusImport {
  private readonly s = new SummaryBuilder('disqus');
  /** Disqus thread id → article id (null: no article matches its link). Threads are few. */
  private readonly threads = new Map<string, number | null>();
  private buffer: DisqusPost[] = [];
  private pending: { commentId: number; parent: string }[] = [];

  constructor(private readonly deps: Deps) {}

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
    const t = threadSchema.safeParse({ id: node.attrs.id ?? '', forum: textOf(node, 'forum'), link: textOf(node, 'link'), title: textOf(node, 'title') });
    if (!t.success) {
      this.s.warn(`thread ${node.attrs.id ?? '?'}: ${t.error.issues[0]?.message ?? 'invalid'}; skipped`);
      return;
    }
    if (!this.s.summary.source) this.s.summary.source = `disqus:${t.data.forum || 'unknown'}`;
    const articleId = (await findArticleIdForUrl(this.deps, t.data.link)) ?? null;
    this.threads.set(t.data.id, articleId);
    if (articleId === null) {
      this.s.skipped('threads without a matching article');
      this.s.warn(`thread ${t.data.id} (${t.data.link}): no article at that URL; its posts are skipped`);
      return;
    }
    this.s.created('threads matched');
    const key = legacyKey(t.data.link);
    const article = await findArticleById(this.deps.db, articleId);
    if (key && article && key !== articlePath(article) && (await insertLegacyUrl(this.deps.db, key, articleId))) this.s.created('redirects');
    await insertMapping(this.deps.db, { source: this.s.summary.source, kind: 'thread', external_id: t.data.id, local_id: articleId, data: t.data.link, created_at: this.deps.clock.now().toISOString() });
  }

  private async flush(): Promise<void> {
    const batch = this.buffer.splice(0);
    if (batch.length === 0) return;
    const source = this.s.summary.source || 'disqus:unknown';
    await this.deps.dialect.writeTransaction(this.deps.db, async (db) => {
      for (const p of batch) {
        const articleId = this.threads.get(p.thread);
        if (articleId === undefined || articleId === null) {
          this.s.skipped(articleId === undefined ? 'posts of unknown threads' : 'posts of unmatched threads');
          continue;
        }
        if (await findMapping(db, source, 'comment', p.id)) {
          this.s.existing('comments');
          continue;
        }
        const parent = p.parent ? await findMapping(db, source, 'comment', p.parent) : undefined;
        const reasons = [...(p.isSpam ? [{ code: 'imported', detail: 'disqus isSpam' }] : []), ...(p.isDeleted ? [{ code: 'imported', detail: 'disqus isDeleted' }] : [])];
        const status: CommentStatus = p.isDeleted ? 'deleted' : p.isSpam ? 'spam' : 'published';
        const id = await insertImportedComment({ ...this.deps, db }, {
          source,
          externalId: p.id,
          articleId,
          parentId: parent?.local_id ?? null,
          userId: null,
          name: plainText(p.name),
          email: p.email,
          ip: p.ip,
          html: p.message,
          status,
          origin: 'disqus',
          createdAt: new Date(p.createdAt).toISOString(),
          reasons,
        });
        if (p.parent && !parent?.local_id) this.pending.push({ commentId: id, parent: p.parent });
        this.s.created('comments');
      }
    });
  }

  async finish(): Promise<ImportSummary> {
    await this.flush();
    const source = this.s.summary.source;
    if (!source) throw new ImportFormatError('not a Disqus export: no <thread> found');
    for (const p of this.pending) {
      const parent = await findMapping(this.deps.db, source, 'comment', p.parent);
      if (parent?.local_id) await setCommentParent(this.deps.db, p.commentId, parent.local_id);
      else this.s.warn(`comment ${p.commentId}: its parent (Disqus post ${p.parent}) is not in the file; kept at the top level`);
    }
    await this.deps.cache.invalidate(['*']);
    return this.s.summary;
  }
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
    ip: textOf(n, 'ipAddress'),
  };
}

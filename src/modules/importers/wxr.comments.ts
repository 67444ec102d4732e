import type { Deps } from '../../deps';
import { linkOrphans, writeCommentBatch, type SourceComment } from './comment-batch';
import type { CommentRenderer, RenderedComment } from './comment-renderer';
import type { SummaryBuilder } from './import.summary';

/** Comments are written in batches of this size (a few statements each; memory stays small). */
export const COMMENT_BATCH = 2000;
/**
 * Comments are sent to the render worker this many at a time as they are read: when a
 * batch is full only its last chunk is still rendering.
 */
export const RENDER_CHUNK = 200;

interface Orphan {
  id: number;
  parentExternalId: string;
  articleId: number;
}

/**
 * A WXR file's comments waiting to be written, a batch at a time across posts (a few
 * statements per batch, not per post). WordPress comment ids are unique in a file and a
 * reply is in its parent's post, so `written` (the open post's ids) resolves parents
 * across batches; a parent in an earlier post is found in the id map.
 */
export class WxrCommentQueue {
  private buffer: SourceComment[] = [];
  /** Texts of the buffer's last comments, not yet sent to the worker. */
  private unsent: string[] = [];
  /** The buffer's chunks sent to the worker, in order. */
  private rendering: Promise<RenderedComment[]>[] = [];
  private written = new Map<string, number>();
  private writtenFor: number | null = null;
  private orphans: Orphan[] = [];

  constructor(
    private readonly s: SummaryBuilder,
    private readonly renderer: CommentRenderer,
  ) {}

  add(c: SourceComment): void {
    this.buffer.push(c);
    this.unsent.push(c.html);
    if (this.unsent.length >= RENDER_CHUNK) this.send();
  }

  private send(): void {
    if (this.unsent.length === 0) return;
    const chunk = this.renderer.render(this.unsent.splice(0));
    // Awaited when the batch is written; a failure before then is not an unhandled rejection.
    void chunk.catch(() => undefined);
    this.rendering.push(chunk);
  }

  /** The buffer's comments with their body and HTML from the worker. */
  private async rendered(): Promise<SourceComment[]> {
    this.send();
    const batch = this.buffer.splice(0);
    const html = (await Promise.all(this.rendering.splice(0))).flat();
    if (html.length !== batch.length) throw new Error(`the render worker returned ${html.length} comments for ${batch.length}`);
    return batch.map((c, i) => ({ ...c, rendered: html[i] }));
  }

  /** Whether a batch is ready to be written. */
  get full(): boolean {
    return this.buffer.length >= COMMENT_BATCH;
  }

  /** Whether replies of this post still wait for their parent. */
  waitsOn(articleId: number): boolean {
    return this.orphans.some((o) => o.articleId === articleId);
  }

  /**
   * Writes the waiting comments. `open` is the post still being read: its replies whose
   * parent is unknown wait for its next comments; any other one (and all of them when
   * `open` is null, at the end of a post or of the file) is kept at the top level and said.
   */
  async write(deps: Deps, source: string, open: number | null): Promise<void> {
    const batch = await this.rendered();
    const articleOf = new Map(batch.map((c) => [c.externalId, c.articleId]));
    const r = await writeCommentBatch(deps, source, batch, this.written);
    if (r.created) this.s.created('comments', r.created);
    if (r.existing) this.s.existing('comments', r.existing);
    // Only the open post's ids are still needed: its next comments may answer them.
    if (open !== this.writtenFor) this.written = new Map();
    const externalOf = new Map<number, string>();
    for (const [ext, id] of r.ids) {
      externalOf.set(id, ext);
      if (open !== null && articleOf.get(ext) === open) this.written.set(ext, id);
    }
    this.writtenFor = open;
    const waiting = [...this.orphans, ...r.orphans.map((o) => ({ ...o, articleId: articleOf.get(externalOf.get(o.id) ?? '') ?? -1 }))];
    const missing = new Set((await linkOrphans(deps, source, waiting, this.written)).map((m) => m.id));
    this.orphans = [];
    for (const o of waiting.filter((w) => missing.has(w.id))) {
      if (open !== null && o.articleId === open) this.orphans.push(o);
      else this.s.warn(`comment ${o.id}: its parent (WordPress comment ${o.parentExternalId}) is not in the file; kept at the top level`);
    }
  }
}

import type { CommentRenderer } from './comment-renderer';
import { itemContent } from './wxr.records';
import { textOf, type XNode, type XRecord } from './xml-stream';

/**
 * A post's content sent to the render worker, and the Markdown it will give. The import's
 * thread takes it only when it has come back: it never waits for the worker (busy with a
 * chunk of comments, or without a core of its own on a loaded machine), it converts the post
 * itself instead, as it always did.
 */
export class PendingBody {
  private converted: string | undefined;

  constructor(
    readonly content: string,
    /** The worker's Markdown (rejected when the worker failed). */
    readonly body: Promise<string>,
  ) {
    // A failure is not an unhandled rejection: the writer converts the post itself, and a
    // worker that failed fails the import through the comments it renders.
    body.then(
      (b) => {
        this.converted = b;
      },
      () => undefined,
    );
  }

  /** The worker's Markdown if it came back by the end of this turn of the event loop (replies are read then); else undefined. */
  async ifReady(): Promise<string | undefined> {
    if (this.converted === undefined) await new Promise((resolve) => setImmediate(resolve));
    return this.converted;
  }
}

/** Item types whose content becomes an article's body. */
const ARTICLE_TYPES = new Set(['post', 'page', '']);

/**
 * Posts' HTML turned into Markdown on the render worker, ahead of the import's thread:
 * once a chunk of the file is read, the posts it holds (items, and the items of the
 * comments it holds) are sent to the worker, one message each, and the import's thread
 * writes the chunk's earlier posts and comments while the worker converts the later ones.
 * A post is sent once; its body is claimed when its article is written.
 */
export class WxrPostBodies {
  private readonly pending = new Map<XNode, PendingBody>();
  private readonly sent = new WeakSet<XNode>();

  constructor(private readonly renderer: CommentRenderer) {}

  /** The records of a chunk, before they are handed over: their posts' contents sent to the worker. */
  lookAhead(records: readonly XRecord[]): void {
    for (const r of records) {
      const item = r.path.length === 4 ? r.parent : r.node.name === 'item' ? r.node : undefined;
      if (!item || this.sent.has(item) || !ARTICLE_TYPES.has(textOf(item, 'post_type').trim())) continue;
      this.sent.add(item);
      const content = itemContent(item);
      // One message a post: the first post's body comes back without waiting for the chunk's others.
      this.pending.set(item, new PendingBody(content, this.renderer.postBodies([content]).then((b) => b[0] ?? '')));
    }
  }

  /**
   * The item's body on its way from the worker, when the content it was sent is `content`
   * (an item still being read when it was sent may have grown since); undefined otherwise
   * (the writer converts it itself) or when the item is unreadable (`content` undefined).
   * Forgets the item either way: used only if an article is written.
   */
  claim(item: XNode, content: string | undefined): PendingBody | undefined {
    const p = this.pending.get(item);
    this.pending.delete(item);
    return p && p.content === content ? p : undefined;
  }
}

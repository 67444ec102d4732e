import type { CommentRenderer } from './comment-renderer';
import { itemContent } from './wxr.records';
import { textOf, type XNode, type XRecord } from './xml-stream';

/** A post's content sent to the render worker, and the Markdown it will give. */
export interface PendingBody {
  content: string;
  body: Promise<string>;
}

/** Item types whose content becomes an article's body. */
const ARTICLE_TYPES = new Set(['post', 'page', '']);

/**
 * Posts' HTML turned into Markdown on the render worker, ahead of the import's thread:
 * once a chunk of the file is read, the posts it holds (items, and the items of the
 * comments it holds) are sent to the worker at once, and the import's thread writes the
 * chunk's earlier posts and comments while the worker converts the later ones. A post is
 * sent once; its body is claimed when its article is written.
 */
export class WxrPostBodies {
  private readonly pending = new Map<XNode, PendingBody>();
  private readonly sent = new WeakSet<XNode>();

  constructor(private readonly renderer: CommentRenderer) {}

  /** The records of a chunk, before they are handed over: their posts' contents sent to the worker. */
  lookAhead(records: readonly XRecord[]): void {
    const items: XNode[] = [];
    for (const r of records) {
      const item = r.path.length === 4 ? r.parent : r.node.name === 'item' ? r.node : undefined;
      if (!item || this.sent.has(item) || !ARTICLE_TYPES.has(textOf(item, 'post_type').trim())) continue;
      this.sent.add(item);
      items.push(item);
    }
    if (items.length === 0) return;
    const contents = items.map(itemContent);
    const bodies = this.renderer.postBodies(contents);
    items.forEach((item, i) => {
      const body = bodies.then((b) => b[i] ?? '');
      // Awaited when the article is written; a failure before then (or for a post skipped) is not an unhandled rejection.
      void body.catch(() => undefined);
      this.pending.set(item, { content: contents[i] ?? '', body });
    });
  }

  /**
   * The item's Markdown body from the worker, when the content it was sent is `content`
   * (an item still being read when it was sent may have grown since); undefined otherwise
   * (the writer converts it itself) or when the item is unreadable (`content` undefined).
   * Forgets the item either way: awaited only if an article is written.
   */
  claim(item: XNode, content: string | undefined): Promise<string> | undefined {
    const p = this.pending.get(item);
    this.pending.delete(item);
    return p && p.content === content ? p.body : undefined;
  }
}

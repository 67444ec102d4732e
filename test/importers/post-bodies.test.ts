import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CommentRenderer } from '../../src/modules/importers/comment-renderer';
import { importedHtmlToMarkdown } from '../../src/modules/importers/html-to-markdown';
import { WxrPostBodies } from '../../src/modules/importers/wxr.bodies';
import { itemContent } from '../../src/modules/importers/wxr.records';
import { streamXmlRecords, textOf, type XNode } from '../../src/modules/importers/xml-stream';
import { FAILING_RENDER_WORKER, POST_SOURCES, wxrWithComments } from './wxr-variants';

describe("posts' bodies converted on the render worker ahead of the records", () => {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-post-bodies-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends each post of a chunk once, before its records are handed over, and gives its body only for the content it was sent', async () => {
    const postSource = (p: number): string => POST_SOURCES[p % POST_SOURCES.length] ?? '';
    const posts = 40;
    // Posts with comments over several 256 KiB chunks, then an attachment, which has no body.
    const attachment = '<item><title>Image</title><wp:post_id>900</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://old.example/a.jpg</wp:attachment_url></item>';
    const file = join(dir, 'posts.xml');
    writeFileSync(file, wxrWithComments({ posts, perPost: 40, postContent: postSource }).replace('</channel>', `${attachment}\n</channel>`));
    const renderer = await CommentRenderer.open();
    try {
      const sent = vi.spyOn(renderer, 'postBodies');
      const bodies = new WxrPostBodies(renderer);
      const items: XNode[] = [];
      let chunks = 0;
      await streamXmlRecords(file, {
        isRecord: (path) => path[1] === 'channel' && (path.length === 3 || (path.length === 4 && path[2] === 'item' && path[3] === 'comment')),
        onChunk: (records) => {
          chunks += 1;
          bodies.lookAhead(records);
        },
        onRecord: async (r) => {
          const item = r.path.length === 4 ? r.parent : r.node.name === 'item' ? r.node : undefined;
          if (!item || items.includes(item)) return;
          // Sent before it is handed over.
          expect(sent.mock.calls.flatMap((c) => c[0])).toContain(itemContent(item));
          items.push(item);
          if (textOf(item, 'post_type') === 'attachment') {
            expect(bodies.claim(item, itemContent(item))).toBeUndefined();
            return;
          }
          const pending = bodies.claim(item, itemContent(item));
          expect(await pending?.body).toBe(importedHtmlToMarkdown(itemContent(item)));
          // Back from the worker: taken without waiting.
          expect(await pending?.ifReady()).toBe(importedHtmlToMarkdown(itemContent(item)));
          // Claimed once; a content other than the one sent is the writer's to convert.
          expect(bodies.claim(item, itemContent(item))).toBeUndefined();
        },
      });
      expect(chunks).toBeGreaterThan(3);
      expect(items).toHaveLength(posts + 1);
      expect(sent.mock.calls.flatMap((c) => c[0])).toEqual(Array.from({ length: posts }, (_, i) => postSource(i + 1)));
      // A message a post, sent as its chunk is read (checked in onRecord), not all at the end.
      expect(sent.mock.calls.every((c) => c[0].length === 1)).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it('gives no body for a content that changed since it was sent, nor for an item sent before', async () => {
    const renderer = await CommentRenderer.open();
    try {
      const bodies = new WxrPostBodies(renderer);
      const item: XNode = { name: 'item', uri: '', attrs: {}, text: '', children: [{ name: 'encoded', uri: 'http://purl.org/rss/1.0/modules/content/', attrs: {}, text: '<p>début', children: [] }] };
      bodies.lookAhead([{ node: item, path: ['rss', 'channel', 'item'], parent: undefined }]);
      expect(bodies.claim(item, '<p>début et fin</p>')).toBeUndefined();
      // An item is sent once: read again, it is not sent again (its body is the writer's).
      bodies.lookAhead([{ node: item, path: ['rss', 'channel', 'item'], parent: undefined }]);
      expect(bodies.claim(item, '<p>début')).toBeUndefined();
    } finally {
      await renderer.close();
    }
  });

  it('gives nothing when the worker has not answered or failed: the writer converts the post itself', async () => {
    const renderer = await CommentRenderer.open(FAILING_RENDER_WORKER);
    try {
      const bodies = new WxrPostBodies(renderer);
      const item: XNode = { name: 'item', uri: '', attrs: {}, text: '', children: [{ name: 'encoded', uri: 'http://purl.org/rss/1.0/modules/content/', attrs: {}, text: '<p>texte</p>', children: [] }] };
      bodies.lookAhead([{ node: item, path: ['rss', 'channel', 'item'], parent: undefined }]);
      const pending = bodies.claim(item, '<p>texte</p>');
      expect(pending).toBeDefined();
      await expect(pending?.body).rejects.toThrow(/render worker/);
      expect(await pending?.ifReady()).toBeUndefined();
    } finally {
      await renderer.close();
    }
  });
});

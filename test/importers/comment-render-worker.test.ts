import { describe, expect, it } from 'vitest';
import { CommentRenderer } from '../../src/modules/importers/comment-renderer';
import { importedHtmlToMarkdown } from '../../src/modules/importers/html-to-markdown';
import { COMMENT_SOURCES, FAILING_RENDER_WORKER, POST_SOURCES, renderedOnImportThread } from './wxr-variants';

describe('the comment render worker', () => {
  it('gives each comment exactly the body and HTML rendered on the import thread, chunks in the order asked', async () => {
    const renderer = await CommentRenderer.open();
    try {
      const texts = [...COMMENT_SOURCES, '', 'un NUL \u0000 au milieu'];
      const chunks = await Promise.all([texts, [...texts].reverse(), texts.slice(3, 5), []].map((c) => renderer.render(c)));
      expect(chunks).toEqual([texts, [...texts].reverse(), texts.slice(3, 5), []].map((c) => c.map(renderedOnImportThread)));
    } finally {
      await renderer.close();
    }
    await expect(renderer.render(['après'])).rejects.toThrow(/closed/);
  });

  it("converts posts' HTML to exactly the Markdown of the import thread, between chunks of comments, in the order asked", async () => {
    const renderer = await CommentRenderer.open();
    try {
      const [posts, comments, reversed] = await Promise.all([renderer.postBodies(POST_SOURCES), renderer.render(COMMENT_SOURCES), renderer.postBodies([...POST_SOURCES].reverse())]);
      expect(posts).toEqual(POST_SOURCES.map(importedHtmlToMarkdown));
      expect(reversed).toEqual([...POST_SOURCES].reverse().map(importedHtmlToMarkdown));
      expect(comments).toEqual(COMMENT_SOURCES.map(renderedOnImportThread));
      // Not the comments' conversion: a post's line breaks make paragraphs.
      expect(posts[0]).not.toBe(renderedOnImportThread(POST_SOURCES[0] ?? '').body);
    } finally {
      await renderer.close();
    }
  });

  it('fails a chunk the worker cannot render with its reason, and every chunk once the worker has crashed', async () => {
    const renderer = await CommentRenderer.open(FAILING_RENDER_WORKER);
    try {
      await expect(renderer.render(['reply'])).rejects.toThrow(/rendering imported comments failed: this comment cannot be rendered/);
      const crashed = renderer.render(['boom']);
      const waiting = renderer.render(['reply']);
      await expect(crashed).rejects.toThrow(/the comment render worker failed: the render worker crashed/);
      await expect(waiting).rejects.toThrow(/render worker failed/);
      await expect(renderer.render(['reply'])).rejects.toThrow(/render worker failed/);
    } finally {
      await renderer.close();
    }
  });
});

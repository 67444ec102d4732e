// The import's comment render worker (worker_threads): a WXR batch's comments turned into
// Palabre's Markdown and that Markdown into safe HTML, and posts' HTML into Markdown, on the
// second core while the import's thread reads the file and writes the database. Bundled as dist/import-render-worker.js by
// scripts/build.mjs; started and fed by comment-renderer.ts.
import { parentPort } from 'node:worker_threads';
import { importedHtmlToMarkdown, renderImportedComments } from './html-to-markdown';

/**
 * A chunk of comments (or, `posts`, of posts' contents) as the source stored them (HTML or
 * text), in file order.
 */
export interface RenderRequest {
  id: number;
  texts: string[];
  posts?: boolean;
}

/**
 * The chunk's bodies and HTML in the same order (posts: their Markdown bodies, no HTML), or
 * why it could not be rendered.
 */
export type RenderReply = { id: number; bodies: string[]; html: string[] } | { id: number; error: string };

parentPort?.on('message', (req: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id: req.id, ...(req.posts ? { bodies: req.texts.map(importedHtmlToMarkdown), html: [] } : renderImportedComments(req.texts)) };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});

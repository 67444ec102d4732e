import { Worker } from 'node:worker_threads';
import { workerFile } from '../../infra/worker-file';
import type { RenderReply, RenderRequest } from './comment-render.worker';

/** The worker's bundle, written beside dist/cli.js by scripts/build.mjs. */
export const RENDER_WORKER_BUNDLE = 'import-render-worker.js';

/** A comment as it is stored: its Markdown body and that body's safe HTML. */
export interface RenderedComment {
  body: string;
  html: string;
}

interface Waiting {
  resolve: (r: RenderedComment[]) => void;
  reject: (err: Error) => void;
}

/**
 * Comments rendered (and posts' HTML converted) on a worker thread, chunk by chunk in the order asked: `render` returns
 * at once and the import's thread goes on reading and writing while the worker renders.
 * When the worker fails (an error thrown while rendering, a crash, an exit) every chunk
 * waiting and every later one is rejected: the import stops with its summary, never waits
 * forever. The worker keeps the process alive only while a chunk is waiting; `close`
 * terminates it.
 */
export class CommentRenderer {
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private stopped: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: RenderReply) => this.settle(reply));
    worker.on('error', (err) => this.fail(new Error(`the comment render worker failed: ${err.message}`)));
    worker.on('messageerror', (err) => this.fail(new Error(`the comment render worker sent an unreadable reply: ${err.message}`)));
    worker.on('exit', (code) => this.fail(new Error(`the comment render worker stopped (exit code ${code})`)));
    worker.unref();
  }

  /** Starts the worker (`file`: another worker script, for tests). */
  static async open(file?: URL): Promise<CommentRenderer> {
    return new CommentRenderer(new Worker(file ?? (await workerFile(RENDER_WORKER_BUNDLE, new URL('./comment-render.worker.ts', import.meta.url)))));
  }

  /** The comments' bodies and HTML, in the same order (what renderImportedComments gives). */
  render(texts: string[]): Promise<RenderedComment[]> {
    return this.ask({ id: this.next++, texts });
  }

  /** Posts' contents as Markdown bodies, in the same order (what importedHtmlToMarkdown gives). */
  async postBodies(contents: string[]): Promise<string[]> {
    return (await this.ask({ id: this.next++, texts: contents, posts: true })).map((r) => r.body);
  }

  private ask(req: RenderRequest): Promise<RenderedComment[]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const done = new Promise<RenderedComment[]>((resolve, reject) => this.waiting.set(req.id, { resolve, reject }));
    if (this.waiting.size === 1) this.worker.ref();
    this.worker.postMessage(req);
    return done;
  }

  /** Stops the worker; chunks still waiting are rejected. */
  async close(): Promise<void> {
    this.fail(new Error('the comment render worker was closed'));
    await this.worker.terminate();
  }

  private settle(reply: RenderReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('error' in reply) w.reject(new Error(`rendering imported comments failed: ${reply.error}`));
    else w.resolve(reply.bodies.map((body, i) => ({ body, html: reply.html[i] ?? '' })));
  }

  private fail(err: Error): void {
    this.stopped ??= err;
    for (const w of this.waiting.values()) w.reject(this.stopped);
    this.waiting.clear();
    this.worker.unref();
  }
}

/** Runs `fn` with a renderer, terminated afterwards (also on failure). */
export async function withCommentRenderer<T>(file: URL | undefined, fn: (renderer: CommentRenderer) => Promise<T>): Promise<T> {
  const renderer = await CommentRenderer.open(file);
  try {
    return await fn(renderer);
  } finally {
    await renderer.close();
  }
}

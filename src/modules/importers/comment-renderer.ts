import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderReply, RenderRequest } from './comment-render.worker';

/** The worker's bundle, written beside dist/cli.js by scripts/build.mjs. */
export const RENDER_WORKER_BUNDLE = 'import-render-worker.js';

/** A comment as it is stored: its Markdown body and that body's safe HTML. */
export interface RenderedComment {
  body: string;
  html: string;
}

let fromSources: Promise<URL> | undefined;

/**
 * The worker's file. From the bundle (dist/cli.js): its sibling. From the TypeScript
 * sources (vitest): comment-render.worker.ts bundled by esbuild once a process, into
 * node_modules/.cache so that the packages it leaves external are found (written aside
 * and renamed: processes building it at once each see a whole file).
 */
async function workerFile(): Promise<URL> {
  const built = new URL(`./${RENDER_WORKER_BUNDLE}`, import.meta.url);
  if (existsSync(built)) return built;
  if (!import.meta.url.endsWith('.ts')) throw new Error(`the comment render worker ${fileURLToPath(built)} is missing: run npm run build`);
  fromSources ??= (async () => {
    const { build } = await import('esbuild');
    const outfile = fileURLToPath(new URL('../../../node_modules/.cache/palabre/import-render-worker.mjs', import.meta.url));
    const entry = fileURLToPath(new URL('./comment-render.worker.ts', import.meta.url));
    const out = await build({ entryPoints: [entry], outfile, write: false, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(`${outfile}.${process.pid}`, out.outputFiles[0]?.contents ?? '');
    renameSync(`${outfile}.${process.pid}`, outfile);
    return pathToFileURL(outfile);
  })();
  return fromSources;
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
    return new CommentRenderer(new Worker(file ?? (await workerFile())));
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

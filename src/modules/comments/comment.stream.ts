import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';

/** How often an idle event stream gets a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/**
 * The open live streams of article discussions (Server-Sent Events), one set per
 * process (held in Deps): every newly published comment of the article, as it
 * happens, on any instance; also edits and like counts. closeAll() ends them, so
 * shutdown is not held up by readers.
 */
export class CommentStreams {
  private readonly open = new Set<ServerResponse>();

  async stream(deps: Deps, request: FastifyRequest, res: ServerResponse, articleId: number): Promise<void> {
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    const unsubscribe = await deps.pubsub.subscribe(`article:${articleId}`, (message) => {
      // A new comment (its id is the event id), or `comment-edited` / `likes` (reaction.service).
      const { id, event } = JSON.parse(message) as { id?: number; event?: string };
      if (event === undefined) res.write(`id: ${id}\nevent: comment\ndata: ${message}\n\n`);
      else res.write(`event: ${event}\ndata: ${message}\n\n`);
    });
    // Written once subscribed: a client that has read it will not miss the next comment.
    res.write('retry: 3000\n: connected\n\n');
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', close);
    res.on('error', close);
  }

  closeAll(): void {
    for (const res of this.open) {
      res.end();
      res.socket?.destroy();
    }
    this.open.clear();
  }
}

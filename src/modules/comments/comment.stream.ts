import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { missedComments, TooManyStreamsError } from './comment.replay';

/** How often an idle event stream gets a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/** The comment id of a `comment` message; undefined for the other events (edits, likes). */
function commentIdOf(message: string): number | undefined {
  const { id, event } = JSON.parse(message) as { id?: number; event?: string };
  return event === undefined ? id : undefined;
}

/**
 * The open live streams of article discussions (Server-Sent Events), one set per
 * process (held in Deps): every newly published comment of the article, as it
 * happens, on any instance; also edits and like counts. A reconnecting reader first
 * gets what it missed (comment.replay.ts). Each client address holds at most
 * deps.config.streamsPerAddress streams on this instance (PALABRE_STREAMS_PER_ADDRESS). closeAll() ends them, so shutdown
 * is not held up by readers.
 */
export class CommentStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly perAddress = new Map<string, number>();

  /** Takes one stream slot for the address, or refuses (429) before anything is sent. */
  admit(deps: Deps, request: FastifyRequest): () => void {
    const address = request.ip;
    const n = this.perAddress.get(address) ?? 0;
    if (n >= deps.config.streamsPerAddress) throw new TooManyStreamsError(request.locale, deps.config.streamsPerAddress);
    this.perAddress.set(address, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    };
  }

  async stream(deps: Deps, request: FastifyRequest, res: ServerResponse, articleId: number, afterId: number | null, release: () => void): Promise<void> {
    this.open.add(res);
    res.on('close', () => {
      this.open.delete(res);
      release();
    });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    const deliver = (message: string) => {
      // A new comment (its id is the event id), or `comment-edited` / `likes` (reaction.service).
      const { id, event } = JSON.parse(message) as { id?: number; event?: string };
      if (event === undefined) res.write(`id: ${id}\nevent: comment\ndata: ${message}\n\n`);
      else res.write(`event: ${event}\ndata: ${message}\n\n`);
    };
    // While the missed comments are read, live messages wait, so the reader gets them in order.
    let held: string[] | null = afterId === null ? null : [];
    const unsubscribe = await deps.pubsub.subscribe(`article:${articleId}`, (message) => {
      if (held) held.push(message);
      else deliver(message);
    });
    // Written once subscribed: a client that has read it will not miss the next comment.
    res.write('retry: 3000\n: connected\n\n');
    if (afterId !== null) await this.replay(deps, articleId, afterId, deliver, held ?? []).finally(() => (held = null));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      release();
    };
    request.raw.on('close', close);
    res.on('error', close);
  }

  private async replay(deps: Deps, articleId: number, afterId: number, deliver: (m: string) => void, held: string[]): Promise<void> {
    let last = afterId;
    try {
      for (const message of await missedComments(deps, articleId, afterId)) {
        deliver(message);
        last = commentIdOf(message) ?? last;
      }
    } catch (err) {
      // The live stream still works; the reader only misses what a reload would show.
      deps.log.warn({ err, articleId }, 'event stream replay failed');
    }
    for (const message of held) {
      const id = commentIdOf(message);
      if (id === undefined || id > last) deliver(message);
    }
  }

  closeAll(): void {
    for (const res of this.open) {
      res.end();
      res.socket?.destroy();
    }
    this.open.clear();
  }
}

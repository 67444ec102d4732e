import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { AppError } from '../../web/errors';
import { t } from '../../web/i18n/i18n';
import { presentWithPicks } from './comment.picks';
import { listPublishedAfter } from './comment.replay.repository';

/**
 * What a reconnecting reader missed. Event ids of `comment` events are comment ids, so
 * the browser's `Last-Event-ID` (sent by EventSource on reconnection) says where it
 * stopped; on the first connection the page's script gives `lastEventId`, the newest
 * comment the (possibly cached) page showed. At most REPLAY_LIMIT comments are replayed:
 * a reader away longer reloads the page.
 */
export const REPLAY_LIMIT = 200;
/**
 * Default of PALABRE_STREAMS_PER_ADDRESS: open event streams one client address may hold on
 * one instance. High enough for readers sharing one address (an office, a mobile carrier's
 * NAT), low enough that one client cannot hold thousands.
 */
export const MAX_STREAMS_PER_ADDRESS = 100;

/** The reader's last seen comment id: the Last-Event-ID header, else the `lastEventId` query; null when neither is an id. */
export function lastEventIdOf(request: FastifyRequest): number | null {
  const header = request.headers['last-event-id'];
  const query = (request.query as Record<string, unknown> | undefined)?.lastEventId;
  const raw = typeof header === 'string' && header !== '' ? header : typeof query === 'string' ? query : undefined;
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

/** The missed comments as `comment` messages (the live ones' shape), oldest first. */
export async function missedComments(deps: Deps, articleId: number, afterId: number): Promise<string[]> {
  const rows = await listPublishedAfter(deps.db, articleId, afterId, REPLAY_LIMIT);
  return (await presentWithPicks(deps, rows)).map((c) => JSON.stringify(c));
}

/** 429: this address already holds its share of open event streams. */
export class TooManyStreamsError extends AppError {
  constructor(locale: Parameters<typeof t>[0], max: number) {
    super('too_many_streams', 429, t(locale, 'comments.error.too_many_streams', { max }), { retryAfter: 30 });
  }
}

import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError, ValidationError } from '../../web/errors';
import { t } from '../../web/i18n/i18n';
import { hashIp, sha256 } from '../../web/security';
import type { AuthUser } from '../accounts/account';
import { parseReasons } from './comment';
import { submitComment, type SubmitInput, type SubmitResult } from './comment.service';
import { dropExpiredKey, findKey, insertKeyClaim, releaseKey } from './idempotency.repository';

/**
 * Idempotency-Key of comment POSTs (the JSON API's header, the form's hidden field).
 * The same key from the same client (account, else address HMAC) within a day answers
 * the first result again and never writes a second comment:
 * - the key's row is claimed before the comment is written; its primary key lets one
 *   concurrent request win, the others wait for its answer;
 * - the answer is written in the comment's own transaction (comment.service), so a
 *   comment committed by a server that died before replying is found by the retry.
 */
const KEEP_MS = 24 * 3600 * 1000;
/** An unfinished claim older than this belongs to a request that died before its commit. */
const STALE_MS = 30_000;
/** How long a concurrent retry waits for the first request's answer. */
const WAIT_MS = 3_000;
const POLL_MS = 25;

/** What clients may send: printable ASCII, as the IETF draft's examples (UUIDs and the like). */
export const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);

/** 409: a request with this key is still being handled; retry in a moment. */
export class IdempotencyInProgressError extends AppError {
  constructor(message: string) {
    super('idempotency_in_progress', 409, message, { retryAfter: 1 });
  }
}

const storedResult = z.object({ id: z.number(), status: z.enum(['published', 'pending', 'spam', 'rejected', 'deleted']), reasons: z.array(z.unknown()) });

function parseResult(json: string): SubmitResult {
  const r = storedResult.parse(JSON.parse(json));
  return { id: r.id, status: r.status, reasons: parseReasons(JSON.stringify(r.reasons)) };
}

/** The Idempotency-Key header of a JSON POST (a repeated header is refused by the schema check). */
export function idempotencyHeader(request: FastifyRequest): string | undefined {
  const h = request.headers['idempotency-key'];
  return Array.isArray(h) ? h.join(',') : h;
}

/**
 * The form's key is printed into the cached article page, shared by every reader for a
 * minute: the text is part of its identity, so a second, different comment sent from the
 * same page is never taken for a resend of the first.
 */
export function formKeyScope(form: { body: string; parentId?: string | undefined }): string {
  return sha256(`${form.parentId ?? ''}\n${form.body}`);
}

export interface KeyedClient {
  user: AuthUser | null;
  ip: string | null;
}

/** The key's row id: per client, and (for the cached form's shared key) per text. */
export function idempotencyKeyHash(secret: string, client: KeyedClient, key: string, scope = ''): string {
  const who = client.user ? `user:${client.user.id}` : client.ip ? `address:${hashIp(secret, client.ip)}` : 'anonymous';
  return sha256(`comment-idempotency\n${who}\n${key}\n${scope}`);
}

async function waitForAnswer(deps: Deps, keyHash: string): Promise<SubmitResult | undefined> {
  for (let waited = 0; waited <= WAIT_MS; waited += POLL_MS) {
    const row = await findKey(deps.db, keyHash);
    if (!row) return undefined;
    if (row.result !== null) return parseResult(row.result);
    await delay(POLL_MS);
  }
  throw new IdempotencyInProgressError(t(deps.config.locale, 'comments.error.idempotency_in_progress'));
}

/**
 * Submits a comment at most once per key: `replayed` when the answer is the first request's.
 * Without a key, a plain submitComment.
 */
export async function submitOnce(deps: Deps, input: SubmitInput, key: string | undefined, scope = ''): Promise<{ result: SubmitResult; replayed: boolean }> {
  if (key === undefined) return { result: await submitComment(deps, input), replayed: false };
  if (!idempotencyKeySchema.safeParse(key).success) throw new ValidationError('Idempotency-Key', t(deps.config.locale, 'comments.error.idempotency_key'));
  const keyHash = idempotencyKeyHash(deps.secret, input, key, scope);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now().getTime();
    await dropExpiredKey(deps.db, keyHash, new Date(now - KEEP_MS).toISOString(), new Date(now - STALE_MS).toISOString());
    if (await insertKeyClaim(deps.db, keyHash, new Date(now).toISOString())) {
      try {
        return { result: await submitComment(deps, { ...input, idempotencyKeyHash: keyHash }), replayed: false };
      } catch (err) {
        await releaseKey(deps.db, keyHash);
        throw err;
      }
    }
    const answer = await waitForAnswer(deps, keyHash);
    if (answer) return { result: answer, replayed: true };
    // The first request was refused and gave the key back: this one is judged on its own.
  }
  throw new IdempotencyInProgressError(t(deps.config.locale, 'comments.error.idempotency_in_progress'));
}

import { z } from 'zod';
import type { Deps } from '../../deps';
import { NotFoundError, ValidationError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { findActiveBansOf, insertBan, insertLog, listActiveBans, revokeBan, type CommenterKey } from './moderation.repository';
import { findModeratedComment } from './queue.service';

export const BAN_KINDS = ['account', 'email', 'address'] as const;
export type BanKind = (typeof BAN_KINDS)[number];

/** A ban request: of the author of a comment (by kind), with an optional end date. */
export const banInputSchema = z.object({
  commentId: z.coerce.number().int().positive(),
  kind: z.enum(BAN_KINDS),
  until: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((s) => (s ? s : undefined)),
  reason: z.string().trim().max(500).optional(),
});
export type BanInput = z.infer<typeof banInputSchema>;

function parseUntil(until: string | undefined, now: Date): string | null {
  if (!until) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T23:59:59.999Z` : until);
  if (Number.isNaN(d.getTime())) throw new ValidationError('until', 'not a date (YYYY-MM-DD)');
  if (d <= now) throw new ValidationError('until', 'must be in the future');
  return d.toISOString();
}

/**
 * Bans the author of a comment by account, email or address. Addresses are
 * only ever known as their HMAC, so an address ban is "the address that wrote
 * comment N"; the audit log says who banned whom, until when, and why.
 */
export async function banCommenter(deps: Deps, actor: AuthUser, input: BanInput): Promise<{ id: number }> {
  const c = await findModeratedComment(deps, input.commentId);
  if (!c) throw new NotFoundError('comment');
  const now = deps.clock.now();
  const expires = parseUntil(input.until, now);
  let value: string | null;
  let label: string;
  if (input.kind === 'account') {
    value = c.user_id !== null ? String(c.user_id) : null;
    label = c.author_name;
  } else if (input.kind === 'email') {
    value = c.author_email;
    label = c.author_email ?? '';
  } else {
    value = c.ip_hash;
    label = `#${c.id}`;
  }
  if (!value) throw new ValidationError('kind', `the comment has no ${input.kind} to ban`);
  const reason = input.reason ?? null;
  const id = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const banId = await insertBan(db, { kind: input.kind, value, label, reason, created_by: actor.id, created_at: now.toISOString(), expires_at: expires });
    await insertLog(db, { comment_id: c.id, actor_id: actor.id, action: 'ban', reason, previous_status: null, status: null, target: `${input.kind}:${label}${expires ? ` until ${expires}` : ''}`, created_at: now.toISOString() });
    return banId;
  });
  return { id };
}

/** Lifts a ban before its end. */
export async function liftBan(deps: Deps, actor: AuthUser, banId: number): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    const ban = await revokeBan(db, banId, now);
    if (!ban) throw new NotFoundError('ban');
    await insertLog(db, { comment_id: null, actor_id: actor.id, action: 'unban', reason: null, previous_status: null, status: null, target: `${ban.kind}:${ban.label}`, created_at: now });
  });
}

/** Bans in force. */
export function activeBans(deps: Deps) {
  return listActiveBans(deps.db, deps.clock.now().toISOString());
}

/** The active ban of each of these commenters (undefined: none), read at once for a group of new comments. */
export function activeBansOf(deps: Pick<Deps, 'db' | 'clock'>, whos: readonly CommenterKey[]): Promise<({ id: number; kind: string } | undefined)[]> {
  return findActiveBansOf(deps.db, whos, deps.clock.now().toISOString());
}

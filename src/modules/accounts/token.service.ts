import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import { sha256 } from '../../web/security';
import type { AuthUser } from './account';
import { assertAccount, canAccount } from './account.policy';
import { findApiToken, insertApiTokenReturningId, listApiTokens, revokeApiTokenRow } from './user.repository';

/** A token as its owner sees it: never the secret, which is shown once at creation. */
export interface TokenView {
  id: number;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The caller's own API tokens, newest first. */
export async function listOwnTokens(deps: Deps, user: AuthUser | null): Promise<TokenView[]> {
  assertAccount(user, 'token:manage-own');
  const rows = await listApiTokens(deps.db, user.id);
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/** Creates a token for the caller; the secret is returned here and never again (only its hash is kept). */
export async function createOwnToken(deps: Deps, user: AuthUser | null, label: string): Promise<TokenView & { token: string }> {
  assertAccount(user, 'token:manage-own');
  const token = `plb_${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now().toISOString();
  const id = await insertApiTokenReturningId(deps.db, user.id, sha256(token), label, now);
  return { id, label, createdAt: now, lastUsedAt: null, revokedAt: null, token };
}

/** Revokes a token: its owner may, and admins may revoke anyone's. Others get 404, not a hint that it exists. */
export async function revokeToken(deps: Deps, user: AuthUser | null, id: number): Promise<void> {
  assertAccount(user, 'token:manage-own');
  const row = await findApiToken(deps.db, id);
  if (!row) throw new NotFoundError('token');
  if (!canAccount(user, 'token:manage-own', { ownerId: row.user_id }) && !canAccount(user, 'token:revoke-any')) throw new NotFoundError('token');
  await revokeApiTokenRow(deps.db, id, deps.clock.now().toISOString());
}

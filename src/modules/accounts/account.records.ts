import type { Deps } from '../../deps';
import { deleteUserRow, findAccountRecord, findEmailAndState } from './account-records.repository';

/**
 * What other modules read of one account (privacy's download, notifications' addresses)
 * and the erasure privacy asks for: they call these, never the users table.
 * `deps` may carry a transaction as `db`.
 */
type Db = Pick<Deps, 'db'>;

/** The account as its owner downloads it (no password hash). */
export function accountRecord(deps: Db, userId: number): ReturnType<typeof findAccountRecord> {
  return findAccountRecord(deps.db, userId);
}

/** The account's email, suspended or not (e.g. to know a replier's own address). */
export async function accountEmail(deps: Db, userId: number): Promise<string | null> {
  return (await findEmailAndState(deps.db, userId))?.email ?? null;
}

/** The email to write to: null when the account is suspended (or gone). */
export async function reachableAccountEmail(deps: Db, userId: number): Promise<string | null> {
  const row = await findEmailAndState(deps.db, userId);
  return row && row.disabled_at === null ? row.email : null;
}

/** Deletes the account (its sessions and tokens go with it): privacy's erasure of a reader. */
export function deleteAccount(deps: Db, userId: number): Promise<void> {
  return deleteUserRow(deps.db, userId);
}

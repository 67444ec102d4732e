import type { Deps } from '../../deps';
import { usersByIds } from '../accounts/user.service';
import { listLogRows } from './moderation.repository';

/**
 * The audit log, newest first, with each actor's name (null for the pipeline or a deleted
 * account). The names come from accounts in one call per page of the log, not a join of
 * the users table.
 */
export async function moderationLog(deps: Pick<Deps, 'db'>, opts: { limit: number; commentIds?: number[] }) {
  const rows = await listLogRows(deps.db, opts);
  const actorIds = [...new Set(rows.flatMap((r) => (r.actor_id === null ? [] : [r.actor_id])))];
  const names = new Map((await usersByIds(deps, actorIds)).map((u) => [u.id, u.name]));
  return rows.map(({ actor_id, ...r }) => ({ ...r, actor_name: actor_id === null ? null : (names.get(actor_id) ?? null) }));
}

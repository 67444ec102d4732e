import type { Deps } from '../../deps';
import { findPreferences, upsertPreferences } from './auto-rules.repository';

/** What a moderator asked to be mailed. */
export interface ModeratorPreferences {
  ruleAlerts: boolean;
  digest: boolean;
}

export async function getModeratorPreferences(deps: Deps, userId: number): Promise<ModeratorPreferences> {
  const p = await findPreferences(deps.db, userId);
  return { ruleAlerts: p?.rule_alerts === 1, digest: p?.digest === 1 };
}

export async function setModeratorPreferences(deps: Deps, userId: number, p: ModeratorPreferences): Promise<ModeratorPreferences> {
  await upsertPreferences(deps.db, userId, { rule_alerts: p.ruleAlerts ? 1 : 0, digest: p.digest ? 1 : 0 });
  return p;
}

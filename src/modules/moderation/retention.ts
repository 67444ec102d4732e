import type { Deps } from '../../deps';
import { forgetEndedAddressBansBefore, forgetReporterAddressesBefore } from './retention.repository';

/** Address retention of moderation's tables (reports, ended address bans); privacy runs it with the comments' purge. */
export async function forgetModerationAddressesBefore(deps: Deps, cutoff: string): Promise<number> {
  const reports = await forgetReporterAddressesBefore(deps.db, cutoff);
  return reports + (await forgetEndedAddressBansBefore(deps.db, cutoff));
}

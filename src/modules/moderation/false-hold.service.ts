import type { Deps } from '../../deps';
import { countHeldDecisions } from './moderation.repository';
import { getDiscussionSettings } from './settings';

/** The window over which the false-hold rate is measured. */
export const FALSE_HOLD_WINDOW_DAYS = 30;

export interface FalseHold {
  /** approved / held, or null before any held comment was decided in the window. */
  rate: number | null;
  /** Comments the pipeline held that a moderator decided in the window. */
  held: number;
  /** Of those, the ones approved: held for nothing. */
  approved: number;
  /** The site's `falseHoldBudget`, the rate the automatic phases aim to stay under. */
  budget: number;
}

/** The false-hold rate measured on the audit log over the last FALSE_HOLD_WINDOW_DAYS, beside the budget. */
export async function measuredFalseHold(deps: Deps): Promise<FalseHold> {
  const since = new Date(deps.clock.now().getTime() - FALSE_HOLD_WINDOW_DAYS * 86_400_000).toISOString();
  const [{ decided, approved }, settings] = await Promise.all([countHeldDecisions(deps.db, since), getDiscussionSettings(deps)]);
  return { rate: decided ? approved / decided : null, held: decided, approved, budget: settings.falseHoldBudget };
}

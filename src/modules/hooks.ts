import type { Deps } from '../deps';
import { installAutoRules } from './moderation/auto-rules';
import { startModeratorDigests } from './moderation/digest';
import { warmUpModeration } from './moderation/moderation.service';
import { installReplyNotifications } from './notifications/notification.service';
import { startAddressRetention } from './privacy/privacy.service';
import { installSearchHooks } from './search/search.service';

/**
 * Wires the modules' reactions to each other's events (deps.hooks), once per Deps.
 * Each module adds its own line here, e.g. search indexing on 'article.saved'.
 */
export function installModuleHooks(deps: Deps): void {
  installSearchHooks(deps);
  installReplyNotifications(deps);
  installAutoRules(deps);
}

/**
 * The modules' work beside requests, started once the server is ready (route files
 * start none): moderation's warm-up and digest timer, privacy's address retention. Returns what stops it.
 */
export async function startModuleWork(deps: Deps): Promise<() => void> {
  const stops = [warmUpModeration(), await startAddressRetention(deps), startModeratorDigests(deps)];
  return () => {
    for (const stop of stops) stop();
  };
}

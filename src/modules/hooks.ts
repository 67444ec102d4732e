import type { Deps } from '../deps';
import { installSearchHooks } from './search/search.service';
import { installReplyNotifications } from './notifications/notification.service';

/**
 * Wires the modules' reactions to each other's events (deps.hooks), once per Deps.
 * Each module adds its own line here, e.g. search indexing on 'article.saved'.
 */
export function installModuleHooks(deps: Deps): void {
  void deps;
  installSearchHooks(deps);
  installReplyNotifications(deps);
}

import type { Command } from '../../cli/commands';
import { ValidationError } from '../../web/errors';
import { reindexAll } from './search.service';

/**
 * `palabre search reindex`: rebuilds the search index from the articles (after an import
 * that wrote rows directly, a restore, or a failed indexing logged as such).
 */
export const searchCommand: Command = async (args, withDeps) => {
  if (args[0] !== 'reindex' || args.length !== 1) throw new ValidationError('command', `unknown: palabre search ${args.join(' ')}; try: palabre search reindex`);
  const started = Date.now();
  const count = await withDeps((deps) => reindexAll(deps));
  process.stdout.write(`search index rebuilt: ${count} published articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

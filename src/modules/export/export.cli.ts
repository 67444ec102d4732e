import { parseArgs } from 'node:util';
import type { Command } from '../../cli/commands';
import { CommandUsageError } from '../importers/importer.errors';
import { backupDatabase, restoreBackup } from './backup.service';
import { exportJsonl } from './export.service';
import { saveSiteSettings } from './site.settings';
import { exportWxr } from './wxr.writer';

/** `palabre export FILE [--format jsonl|wxr]`: prints what was written as one JSON line. */
/**
 * `--base-url` and `--timezone` are remembered in the `site` setting: later exports
 * (and the CLI, where PALABRE_BASE_URL is often unset) use them.
 */
export const exportCommand: Command = async (args, withDeps) => {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'jsonl' }, 'base-url': { type: 'string' }, timezone: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CommandUsageError('usage: palabre export FILE [--format jsonl|wxr] [--base-url URL] [--timezone Europe/Paris]');
  if (values.format !== 'jsonl' && values.format !== 'wxr') throw new CommandUsageError(`--format must be jsonl or wxr, not "${values.format}"`);
  const site = { ...(values['base-url'] !== undefined ? { baseUrl: values['base-url'] } : {}), ...(values.timezone !== undefined ? { timeZone: values.timezone } : {}) };
  const result = await withDeps(async (deps) => {
    if (Object.keys(site).length > 0) await saveSiteSettings(deps, site);
    return values.format === 'wxr' ? exportWxr(deps, file) : exportJsonl(deps, file);
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

/** `palabre backup FILE` (online) and `palabre backup restore FILE` (service stopped). */
export const backupCommand: Command = async (args, withDeps) => {
  const [first, second, ...extra] = args;
  if (first === 'restore') {
    if (!second || extra.length > 0) throw new CommandUsageError('usage: palabre backup restore FILE');
    const result = await withDeps((deps) => restoreBackup(deps, second));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (!first || second !== undefined) throw new CommandUsageError('usage: palabre backup FILE | palabre backup restore FILE');
  const result = await withDeps((deps) => backupDatabase(deps, first));
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

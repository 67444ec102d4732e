import type { Deps } from '../deps';
import { backupCommand, exportCommand } from '../modules/export/export.cli';
import { importCommand } from '../modules/importers/importer.cli';
import { searchCommand } from '../modules/search/search.cli';

/** Runs fn with deps opened from the environment, closing them afterwards. */
export type WithDeps = <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>;

/** A CLI command beyond the foundation's: receives its arguments after the command name. */
export type Command = (args: string[], withDeps: WithDeps) => Promise<void>;

/**
 * Commands added by modules: `import`, `export`, `backup`. Each module adds its entry here.
 */
export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  export: exportCommand,
  backup: backupCommand,
  search: searchCommand,
};

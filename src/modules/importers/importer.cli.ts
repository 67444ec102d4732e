import { accessSync, constants, statSync } from 'node:fs';
import type { Command } from '../../cli/commands';
import { importPalabre } from '../export/restore.service';
import { importDisqus } from './disqus.service';
import { CommandUsageError, ImportFileError } from './importer.errors';
import { progressBar } from './progress';
import { importWxr } from './wxr.service';

const FORMATS = ['wxr', 'disqus', 'palabre'] as const;

/** Fails with a clear line when the file is missing, a directory or unreadable. */
export function checkReadable(file: string): void {
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new ImportFileError(file, 'not a file');
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'permission denied');
  }
}

/**
 * `palabre import wxr|disqus|palabre FILE`: a progress bar on a terminal (stderr),
 * then the summary as one JSON line, the last line of stdout.
 */
export const importCommand: Command = async (args, withDeps) => {
  const [format, file, ...extra] = args;
  if (!format || !(FORMATS as readonly string[]).includes(format) || !file || extra.length > 0) {
    throw new CommandUsageError(`usage: palabre import ${FORMATS.join('|')} FILE`);
  }
  checkReadable(file);
  const bar = progressBar(`import ${format}`);
  const summary = await withDeps(async (deps) => {
    const opts = { onProgress: (read: number, total: number) => bar.update(read, total) };
    if (format === 'wxr') return importWxr(deps, file, opts);
    if (format === 'disqus') return importDisqus(deps, file, opts);
    return importPalabre(deps, file, opts);
  });
  bar.done();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
};

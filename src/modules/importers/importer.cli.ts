import { accessSync, constants, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../../cli/commands';
import { AppError } from '../../web/errors';
import { importPalabre } from '../export/restore.service';
import { importDisqus } from './disqus.service';
import { summaryOf } from './import.summary';
import { CommandUsageError, ImportFileError } from './importer.errors';
import { progressBar } from './progress';
import { importWxr, type ImportOptions } from './wxr.service';

const FORMATS = ['wxr', 'disqus', 'palabre'] as const;
const USAGE = `usage: palabre import ${FORMATS.join('|')} FILE [--tolerant] [--create-articles (disqus)]`;

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

/** The import stopped part way; its summary (what stays written) was printed on stdout. */
export class ImportStoppedError extends AppError {
  constructor(message: string) {
    super('import_stopped', 400, `import stopped: ${message}; what was written before stays (see the summary on stdout) and running the same command again finishes the job without duplicates`);
  }
}

/**
 * `palabre import wxr|disqus|palabre FILE`: a progress bar on a terminal (stderr),
 * then the summary as one JSON line, the last line of stdout, also when the import
 * stops part way (with `failed`, and a non-zero exit code).
 */
export const importCommand: Command = async (args, withDeps) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (err) {
    throw err instanceof CommandUsageError ? err : new CommandUsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const { format, file, values } = parsed;
  if (values['create-articles'] && format !== 'disqus') throw new CommandUsageError(`--create-articles is for Disqus imports\n${USAGE}`);
  checkReadable(file);
  const bar = progressBar(`import ${format}`);
  try {
    const summary = await withDeps(async (deps) => {
      const opts: ImportOptions = { onProgress: (read: number, total: number) => bar.update(read, total), tolerant: values.tolerant === true, createArticles: values['create-articles'] === true };
      if (format === 'wxr') return importWxr(deps, file, opts);
      if (format === 'disqus') return importDisqus(deps, file, opts);
      return importPalabre(deps, file, opts);
    });
    bar.done();
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } catch (err) {
    bar.done();
    const summary = summaryOf(err);
    if (!summary) throw err;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    throw new ImportStoppedError(summary.failed ?? 'unknown error');
  }
};

function parse(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { tolerant: { type: 'boolean' }, 'create-articles': { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [format, file, ...extra] = positionals;
  if (!format || !(FORMATS as readonly string[]).includes(format) || !file || extra.length > 0) throw new CommandUsageError(USAGE);
  return { format, file, values };
}

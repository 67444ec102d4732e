import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { closeDeps, createDeps, type Deps } from '../deps';
import { serve } from '../main';
import { serveAll } from '../cluster';
import { ROLES, type Role } from '../modules/accounts/account';
import { addUser, createApiToken } from '../modules/accounts/user.service';
import { AppError } from '../web/errors';
import { COMMANDS } from './commands';

const USAGE = `usage: palabre <command>
  serve                                   run the site (what npm start runs)
  migrate                                 apply database migrations
  user add --email E --name N --role R [--password P]
  token create --email E                  print an API token for that user
  import wxr|disqus|palabre FILE          import an export
  export FILE [--format jsonl|wxr]        export everything
  backup FILE                             consistent online backup
  search reindex                          rebuild the search index from the articles`;

/** A usage or input error: one line to stderr, exit code 2. */
export class UsageError extends Error {}

async function withDeps<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const deps = await createDeps({ ...config, logLevel: process.env.LOG_LEVEL ?? 'warn' });
  try {
    return await fn(deps);
  } finally {
    await closeDeps(deps);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serveAll(loadConfig(), serve);
      return;
    case 'migrate':
      await withDeps(async () => undefined);
      process.stdout.write('migrations applied\n');
      return;
    case 'user': {
      if (sub !== 'add') throw new UsageError(`unknown: palabre user ${sub ?? ''}; try: palabre user add`);
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } }, strict: true });
      if (!values.email) throw new UsageError('--email is required');
      if (!values.name) throw new UsageError('--name is required');
      if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const user = await withDeps((deps) =>
        addUser(deps, { email: values.email ?? '', name: values.name ?? '', role: values.role as Role, ...(values.password ? { password: values.password } : {}) }),
      );
      process.stdout.write(`${JSON.stringify(user)}\n`);
      return;
    }
    case 'token': {
      if (sub !== 'create') throw new UsageError(`unknown: palabre token ${sub ?? ''}; try: palabre token create --email E`);
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } }, strict: true });
      if (!values.email) throw new UsageError('--email is required');
      const token = await withDeps((deps) => createApiToken(deps, values.email ?? ''));
      process.stdout.write(`${token}\n`);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default: {
      const handler = COMMANDS[command];
      if (!handler) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
      await handler([sub, ...rest].filter((x): x is string => x !== undefined), withDeps);
    }
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof ConfigError || err instanceof AppError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`palabre: ${known ? message : `error: ${message}`}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});

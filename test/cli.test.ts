import { afterAll, assert, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/dialects';
import { palabreCommand, processDatabase } from './support/server-process';

/** Each CLI run starts a whole Node process (about 2 s under load); a test runs several. */
const CLI_TIMEOUT = 120_000;

describe.each(DIALECTS)('the palabre command line on %s', (engine) => {
  const db = processDatabase(engine, 'cli');
  const env = { ...process.env, DATABASE_URL: db.url, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' };
  const palabre = palabreCommand(env);

  afterAll(() => db.cleanup());

  it('migrates, adds a user and prints only a token for it', async () => {
    expect((await palabre('migrate')).stdout).toContain('migrations applied');
    const added = await palabre('user', 'add', '--email', 'Redac@Example.test', '--name', 'Rédaction', '--role', 'editor', '--password', 'une phrase de passe longue');
    expect(JSON.parse(added.stdout)).toMatchObject({ email: 'redac@example.test', role: 'editor' });
    const { stdout } = await palabre('token', 'create', '--email', 'redac@example.test');
    expect(stdout.trim()).toMatch(/^plb_[A-Za-z0-9_-]{40,}$/);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  }, CLI_TIMEOUT);

  it('fails with one clear line and a non-zero code on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['user', 'add', '--email', 'x@example.test', '--name', 'X', '--role', 'chief'], /--role must be one of/],
      [['user', 'add', '--email', 'redac@example.test', '--name', 'Again', '--role', 'reader'], /already uses/],
      [['token', 'create', '--email', 'nobody@example.test'], /not found/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const err = await palabre(...args).then(
        () => undefined,
        (e: unknown) => e as { code: number; stderr: string },
      );
      assert(err, `${args.join(' ')} must fail`);
      expect(err.code).not.toBe(0);
      expect(err.stderr).toMatch(message);
      expect(err.stderr).not.toMatch(/\n\s+at /);
    }
  }, CLI_TIMEOUT);

  it('refuses a bad DATABASE_URL naming the variable', async () => {
    const err = await palabreCommand({ ...env, DATABASE_URL: 'mysql://x' })('migrate').then(
      () => undefined,
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/^palabre: DATABASE_URL: must start with sqlite: or postgres:\/\//);
  }, CLI_TIMEOUT);
});

// ESLint for Palabre: typescript-eslint's strict, type-checked rules on the TypeScript of
// src, test, scripts and bench (the type information comes from the root tsconfig.json).
// Run from the repository root: npm run lint.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  basePath: root,
  extends: [
    { ignores: ['dist/**', 'coverage/**', 'data/**', 'tmp/**', 'tools/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.d.mts'] },
    tseslint.configs.strictTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        // Template literals print numbers and booleans in messages, URLs and SQL identifiers all over
        // the code; what must not be printed is an object or undefined, which the rule still forbids.
        '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
        // `void promise` marks a deliberate fire-and-forget (background work, browser handlers).
        '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
        // Fastify handlers and Preact event props are typed to take functions returning promises or void.
        '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
        // Arrow shorthands hand void back to callbacks that ignore it (`() => resolve()`, `(m) => log.warn(m)`).
        '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
        // `async` here implements a contract typed to return a promise (Fastify plugins and hooks, the
        // pubsub, mailer and moderation-lookup interfaces, test request builders), awaited or not.
        '@typescript-eslint/require-await': 'off',
        // Number() on what the database hands back (counts, sums, scores) guards the drivers, which
        // return PostgreSQL's bigint and numeric as strings where Kysely's types say number.
        '@typescript-eslint/no-unnecessary-type-conversion': 'off',
        // `_` names a parameter a signature requires and the body does not use.
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      },
    },
    {
      files: ['test/**', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
      rules: {
        // Tests read answers through light-my-request's res.json() and parsed XML, typed `any` by those
        // libraries; the assertions that follow are the check on those values.
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        // afterAll hooks guard what a failed beforeAll left unset (`await t?.close()`), which the
        // declarations (`let t: TestApp`) say is always set.
        '@typescript-eslint/no-unnecessary-condition': 'off',
      },
    },
  ],
});

/**
 * Parts of the machine some tests need beyond Node.js: a browser, a Redis server,
 * a PostgreSQL server. The global setup looks for each once (test/support/detect-parts.ts)
 * and hands the result to the test files; a suite that needs an absent part does not
 * run, and the run ends by naming it (test/support/gaps-reporter.ts). Under
 * PALABRE_TEST_REQUIRE_ALL=1 (CI) an absent part fails the run instead.
 */
export type Part = 'chromium' | 'redis' | 'postgres' | 'nginx';

export interface PartState {
  present: boolean;
  /** Whether this run has tests that use it (PostgreSQL: only when TEST_DIALECTS names it). */
  needed: boolean;
  /** Where it was looked for, and what answered. */
  detail: string;
}

export type PartsReport = Record<Part, PartState>;

declare module 'vitest' {
  export interface ProvidedContext {
    palabreParts: PartsReport;
  }
  interface TaskMeta {
    /** Parts a skipped suite lacked (set by needs(), read by the gaps reporter). */
    missingParts?: Part[];
  }
}


/** The executable Playwright drives (Debian's package). */
export const CHROMIUM_PATH = process.env.TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's nginx, started by the static snapshot test as its own process (never the system service). */
export const NGINX_PATH = process.env.TEST_NGINX ?? '/usr/sbin/nginx';

/** The Redis server tests that share state between instances use; each gets its own key prefix. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** How each part is named to a reader of the run's end, and the one command that provides it. */
export const PART_INFO: Record<Part, { label: string; provide: string }> = {
  chromium: { label: 'Chromium', provide: 'apt-get install -y chromium   (or TEST_CHROMIUM=/path/to/chromium)' },
  nginx: { label: 'nginx', provide: 'apt-get install -y nginx   (or TEST_NGINX=/path/to/nginx)' },
  redis: {
    label: 'Redis',
    provide: 'apt-get install -y redis-server && redis-server --daemonize yes   (or TEST_REDIS_URL=redis://host:port)',
  },
  postgres: {
    label: 'PostgreSQL',
    provide:
      "apt-get install -y postgresql && pg_ctlcluster $(ls /etc/postgresql) main start && su postgres -c 'createdb test'   (or TEST_POSTGRES_URL=postgres://user@host:port/db)",
  },
};


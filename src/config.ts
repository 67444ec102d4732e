import { z } from 'zod';

/** Languages the interface is translated into. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/palabre.db'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  PALABRE_REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits, : . _ - only').default('palabre:'),
  PALABRE_BASE_URL: z.url().optional(),
  PALABRE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PALABRE_LOCALE: z.enum(LOCALES).default('fr'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp://').optional(),
  PALABRE_DEMO: z.enum(['0', '1']).default('1'),
  PALABRE_TRUST_PROXY: z.string().optional(),
  PALABRE_MEDIA_DIR: z.string().min(1).optional(),
  PALABRE_EMBED_ORIGINS: z.string().max(4000).optional(),
  PALABRE_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  PALABRE_STATIC_DIR: z.string().min(1).optional(),
  PALABRE_WORKERS: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(256, 'must be at most 256').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so several sites can share one Redis. */
  redisPrefix: string;
  baseUrl: string;
  secret: string | undefined;
  locale: Locale;
  smtpUrl: string | undefined;
  demo: boolean;
  /** Fastify's trustProxy: false, true, or a list of addresses/CIDRs. */
  trustProxy: boolean | string[];
  logLevel: string;
  /** Where uploaded images and their renditions are stored (PALABRE_MEDIA_DIR; default: `media/` next to the SQLite file, else ./data/media). */
  mediaDir: string;
  /** Origins allowed to frame the embedded discussion (/embed); undefined: any site (PALABRE_EMBED_ORIGINS). */
  embedOrigins: string[] | undefined;
  /** Open live-comment streams one client address may hold on one instance (PALABRE_STREAMS_PER_ADDRESS). */
  streamsPerAddress: number;
  /** Folder of precompressed snapshots of the anonymous pages, for nginx or a CDN (PALABRE_STATIC_DIR; unset: none). */
  staticDir: string | undefined;
  /** Worker processes sharing the port (PALABRE_WORKERS; default: one per core; 1: a single process). */
  workers: number | undefined;
}

/** Thrown when the environment is not usable; the message names the variable. */
export class ConfigError extends Error {}

/** Parses the environment (process.env by default) into a Config, or throws ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const trust = e.PALABRE_TRUST_PROXY;
  const trustProxy =
    trust === undefined || trust === '0' ? false : trust === '1' || trust === 'true' ? true : trust.split(',').map((s) => s.trim());
  const host = e.HOST;
  const baseUrl = (e.PALABRE_BASE_URL ?? `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? 'localhost' : host}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.PALABRE_REDIS_PREFIX,
    baseUrl,
    secret: e.PALABRE_SECRET,
    locale: e.PALABRE_LOCALE,
    smtpUrl: e.SMTP_URL,
    demo: e.PALABRE_DEMO === '1',
    trustProxy,
    logLevel: e.LOG_LEVEL,
    mediaDir: e.PALABRE_MEDIA_DIR ?? defaultMediaDir(e.DATABASE_URL),
    embedOrigins: parseEmbedOrigins(e.PALABRE_EMBED_ORIGINS),
    streamsPerAddress: e.PALABRE_STREAMS_PER_ADDRESS,
    staticDir: e.PALABRE_STATIC_DIR,
    workers: e.PALABRE_WORKERS,
  };
}

/** PALABRE_EMBED_ORIGINS: space-separated http(s) origins (`https://blog.example`), each checked. */
function parseEmbedOrigins(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.trim().split(/\s+/).map((item) => {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item.replace(/\/$/, '')) {
      throw new ConfigError(`PALABRE_EMBED_ORIGINS: "${item}" is not an origin like https://blog.example (scheme and host, no path)`);
    }
    return url.origin;
  });
}

/** Uploaded media live beside the SQLite file (one directory to back up); else under ./data. */
function defaultMediaDir(databaseUrl: string): string {
  const file = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : '';
  if (!file || file === ':memory:') return './data/media';
  const slash = file.lastIndexOf('/');
  return slash >= 0 ? `${file.slice(0, slash) || '/'}/media` : './media';
}

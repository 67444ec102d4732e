import { accessSync, constants } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Engine } from '../../src/db/dialect';
import { POSTGRES_URL } from './engines';
import { CHROMIUM_PATH, NGINX_PATH, PART_INFO, REDIS_URL, type Part, type PartState, type PartsReport } from './part-info';

/** How long a server may take to answer before it counts as absent. */
const PROBE_TIMEOUT_MS = 1500;

function message(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

function executable(path: string): Omit<PartState, 'needed'> {
  try {
    accessSync(path, constants.X_OK);
    return { present: true, detail: `executable at ${path}` };
  } catch {
    return { present: false, detail: `no executable at ${path}` };
  }
}

async function redis(): Promise<Omit<PartState, 'needed'>> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let cause: unknown; // connect() only says "Connection is closed"; the socket's error says why
  client.on('error', (err) => {
    cause ??= err;
  });
  try {
    await client.connect();
    const pong = await client.ping();
    return { present: pong === 'PONG', detail: `${REDIS_URL} answered ${pong}` };
  } catch (err) {
    return { present: false, detail: `${REDIS_URL}: ${message(cause ?? err)}` };
  } finally {
    client.disconnect();
  }
}

async function postgres(): Promise<Omit<PartState, 'needed'>> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  const where = POSTGRES_URL.replace(/\/\/[^@/]*@/, '//…@');
  try {
    await client.connect();
    await client.query('select 1');
    return { present: true, detail: `${where} answered` };
  } catch (err) {
    return { present: false, detail: `${where}: ${message(err)}` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Looks for each part once, with a real connection where there is a server to reach. */
export async function detectParts(dialects: Engine[]): Promise<PartsReport> {
  const usesPostgres = dialects.includes('postgres');
  const [r, p] = await Promise.all([redis(), usesPostgres ? postgres() : Promise.resolve({ present: false, detail: 'not asked for by TEST_DIALECTS' })]);
  return {
    chromium: { ...executable(CHROMIUM_PATH), needed: true },
    nginx: { ...executable(NGINX_PATH), needed: true },
    redis: { ...r, needed: true },
    postgres: { ...p, needed: usesPostgres },
  };
}

/** The parts this run needs and lacks. */
export function missingParts(report: PartsReport): Part[] {
  return (Object.keys(report) as Part[]).filter((p) => report[p].needed && !report[p].present);
}

/** One line per missing part: what, why, and the command that provides it. */
export function describeMissing(report: PartsReport, parts: Part[]): string[] {
  return parts.map((p) => `${PART_INFO[p].label}: ${report[p].detail}\n    provide it: ${PART_INFO[p].provide}`);
}

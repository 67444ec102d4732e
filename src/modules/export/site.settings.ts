import { z } from 'zod';
import type { Deps } from '../../deps';
import { findSetting, upsertSetting } from '../../infra/settings.repository';
import { AppError } from '../../web/errors';

/** Setting `site`: what an export needs to know of the site when the environment does not say. */
export interface SiteSettings {
  /** The public address (PALABRE_BASE_URL of the running site): links in exports. */
  baseUrl?: string;
  /** IANA time zone (`Europe/Paris`): WordPress's local post dates. */
  timeZone?: string;
}

const KEY = 'site';

/** 400: a --base-url or --timezone that cannot be used. */
export class SiteSettingError extends AppError {
  constructor(field: string, message: string) {
    super('validation', 400, `${field}: ${message}`, { field });
  }
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const settingsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).optional().catch(undefined),
  timeZone: z.string().refine(isTimeZone).optional().catch(undefined),
});

export async function getSiteSettings(deps: Pick<Deps, 'db'>): Promise<SiteSettings> {
  const saved = await findSetting<unknown>(deps.db, KEY);
  const r = settingsSchema.safeParse(saved ?? {});
  return r.success ? r.data : {};
}

/** Checks and remembers the values given (the next export uses them without asking). */
export async function saveSiteSettings(deps: Pick<Deps, 'db'>, given: SiteSettings): Promise<SiteSettings> {
  if (given.baseUrl !== undefined && !z.url({ protocol: /^https?$/ }).safeParse(given.baseUrl).success) throw new SiteSettingError('--base-url', `"${given.baseUrl}" is not an http(s) address like https://journal.example`);
  if (given.timeZone !== undefined && !isTimeZone(given.timeZone)) throw new SiteSettingError('--timezone', `"${given.timeZone}" is not a time zone like Europe/Paris`);
  const next = { ...(await getSiteSettings(deps)), ...given };
  if (next.baseUrl) next.baseUrl = next.baseUrl.replace(/\/+$/, '');
  await upsertSetting(deps.db, KEY, next);
  return next;
}

/**
 * Where links point and which clock WordPress dates follow: the environment
 * (PALABRE_BASE_URL, PALABRE_TIMEZONE) first, then the `site` setting, then the
 * defaults (the configured base URL, UTC).
 */
export async function exportSite(deps: Deps, env: Record<string, string | undefined> = process.env): Promise<{ baseUrl: string; timeZone: string }> {
  const saved = await getSiteSettings(deps);
  const tz = env.PALABRE_TIMEZONE && isTimeZone(env.PALABRE_TIMEZONE) ? env.PALABRE_TIMEZONE : undefined;
  return { baseUrl: env.PALABRE_BASE_URL ? deps.config.baseUrl : (saved.baseUrl ?? deps.config.baseUrl), timeZone: tz ?? saved.timeZone ?? 'UTC' };
}

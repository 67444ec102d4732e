import { z } from 'zod';
import type { Deps } from '../../deps';
import { findSetting, upsertSetting } from '../../infra/settings.repository';

/** Privacy settings: how long client-address HMACs are kept. */
export const privacySettingsSchema = z.object({ ipRetentionDays: z.number().int().min(1).max(3650) }).strict();
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { ipRetentionDays: 90 };
const KEY = 'privacy';

export async function getPrivacySettings(deps: Pick<Deps, 'db'>): Promise<PrivacySettings> {
  const saved = await findSetting<Partial<PrivacySettings>>(deps.db, KEY);
  return { ...DEFAULT_PRIVACY_SETTINGS, ...(saved ?? {}) };
}

export async function savePrivacySettings(deps: Pick<Deps, 'db'>, s: PrivacySettings): Promise<void> {
  await upsertSetting(deps.db, KEY, s);
}

import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { Csrf } from '../admin/csrf.views';
import { modeWords, why, type ActiveSwitch } from './auto-rules';
import type { ModeratorPreferences } from './auto-rules.service';

/** The queue's banner: articles an automatic rule protects now, each with its reason and an undo button. */
export function RulesBanner({ t, locale, csrf, switches }: { t: Translate; locale: Locale; csrf: string; switches: ActiveSwitch[] }): VNode | null {
  if (switches.length === 0) return null;
  return (
    <section class="notice rules-banner" role="status" aria-labelledby="rules-banner-title">
      <h2 id="rules-banner-title">{t('rules.banner.title')}</h2>
      <ul>
        {switches.map((s) => (
          <li>
            {t('rules.banner.item', { title: s.title, mode: modeWords(locale, s.mode, s.slowModeMinutes), until: formatDate(locale, s.until), why: why(locale, s.figures) })}{' '}
            <form method="post" action={`/admin/moderation/auto-rules/${s.articleId}/undo`} class="inline-form">
              <Csrf csrf={csrf} />
              <button type="submit">{t('rules.banner.undo')}</button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where moderators choose their emails. */
export function PreferencesPage({ t, csrf, prefs, saved }: { t: Translate; csrf: string; prefs: ModeratorPreferences; saved: boolean }): VNode {
  return (
    <>
      {saved ? <p role="status">{t('rules.prefs.saved')}</p> : null}
      <form method="post" action="/admin/moderation/preferences" class="settings-form">
        <Csrf csrf={csrf} />
        <p class="field field-check">
          <input type="hidden" name="ruleAlerts" value="0" />
          <input id="p-alerts" type="checkbox" name="ruleAlerts" value="1" checked={prefs.ruleAlerts} />
          <label for="p-alerts">{t('rules.prefs.alerts')}</label>
        </p>
        <p class="field field-check">
          <input type="hidden" name="digest" value="0" />
          <input id="p-digest" type="checkbox" name="digest" value="1" checked={prefs.digest} />
          <label for="p-digest">{t('rules.prefs.digest')}</label>
        </p>
        <button type="submit">{t('rules.prefs.save')}</button>
      </form>
    </>
  );
}

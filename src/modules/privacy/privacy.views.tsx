import type { VNode } from 'preact';
import type { Translate } from '../../web/i18n/i18n';
import type { AuthUser } from '../accounts/account';
import { canPrivacy } from './privacy.policy';

/** The choice every erasure form offers: remove the comments, or keep them without a name. */
function EraseFields({ t }: { t: Translate }): VNode {
  return (
    <>
      <fieldset>
        <legend>{t('privacy.erase.mode')}</legend>
        <p>
          <input type="radio" id="mode-anonymize" name="mode" value="anonymize" checked />
          <label for="mode-anonymize">{t('privacy.erase.anonymize')}</label>
        </p>
        <p>
          <input type="radio" id="mode-remove" name="mode" value="remove" />
          <label for="mode-remove">{t('privacy.erase.remove')}</label>
        </p>
      </fieldset>
      <p>
        <input type="checkbox" id="erase-confirm" name="confirm" value="1" required />
        <label for="erase-confirm">{t('privacy.erase.confirm')}</label>
      </p>
    </>
  );
}

export interface PrivacyPageProps {
  t: Translate;
  user: AuthUser | null;
  csrf: string | null;
  retentionDays: number;
  message?: string | undefined;
}

/** /privacy: a signed-in reader's download and erasure, and the guest's request form. */
export function PrivacyPage({ t, user, csrf, retentionDays, message }: PrivacyPageProps): VNode {
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      {message ? (
        <p class="notice" role="status">
          {message}
        </p>
      ) : null}
      <p>{t('privacy.intro')}</p>
      <p>{t('privacy.retention', { days: retentionDays })}</p>
      {user ? (
        <>
          <p>{t('privacy.signed_in_as', { name: user.name, email: user.email })}</p>
          <section aria-labelledby="download-title">
            <h2 id="download-title">{t('privacy.download.title')}</h2>
            <p>{t('privacy.download.text')}</p>
            <p>
              <a class="button" href="/account/data.json" download>
                {t('privacy.download.button')}
              </a>
            </p>
          </section>
          <section aria-labelledby="erase-title">
            <h2 id="erase-title">{t('privacy.erase.title')}</h2>
            {canPrivacy(user, 'privacy:erase-own') ? (
              <form method="post" action="/account/erase">
                <p>{t('privacy.erase.text')}</p>
                <input type="hidden" name="_csrf" value={csrf ?? ''} />
                <EraseFields t={t} />
                <button type="submit">{t('privacy.erase.button_account')}</button>
              </form>
            ) : (
              <p>{t('privacy.erase.staff')}</p>
            )}
          </section>
        </>
      ) : null}
      <section aria-labelledby="guest-title">
        <h2 id="guest-title">{t('privacy.guest.title')}</h2>
        <form method="post" action="/privacy/guest">
          <p>{t('privacy.guest.text')}</p>
          <p>
            <label for="guest-email">{t('privacy.guest.email')}</label>
            <input id="guest-email" type="email" name="email" autocomplete="email" required maxLength={320} />
          </p>
          <button type="submit">{t('privacy.guest.button')}</button>
        </form>
      </section>
    </>
  );
}

/** The page a guest's emailed link opens: download and erasure of that email's comments. */
export function GuestPage({ t, email, token, count }: { t: Translate; email: string; token: string; count: number }): VNode {
  return (
    <>
      <h1>{t('privacy.guest.link_title', { email })}</h1>
      <section aria-labelledby="download-title">
        <h2 id="download-title">{t('privacy.download.title')}</h2>
        <p>{t('privacy.download.text_guest')}</p>
        <p>
          <a class="button" href={`/privacy/guest/${token}/data.json`} download>
            {t('privacy.download.button')}
          </a>{' '}
          ({count})
        </p>
      </section>
      <section aria-labelledby="erase-title">
        <h2 id="erase-title">{t('privacy.erase.title')}</h2>
        <form method="post" action={`/privacy/guest/${token}/erase`}>
          <p>{t('privacy.erase.text')}</p>
          <EraseFields t={t} />
          <button type="submit">{t('privacy.erase.button_guest')}</button>
        </form>
      </section>
    </>
  );
}

import type { VNode } from 'preact';
import type { Translate } from '../../web/i18n/i18n';

/** A message above a form: an error (announced at once) or a confirmation. */
export function FormMessage({ kind, text }: { kind: 'ok' | 'error'; text: string }): VNode {
  return (
    <p class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

export function LoginForm({ t, email = '', next = '', message }: { t: Translate; email?: string; next?: string; message?: { kind: 'ok' | 'error'; text: string } }): VNode {
  return (
    <div class="auth-box">
      <h1>{t('login.title')}</h1>
      {message ? <FormMessage {...message} /> : null}
      <form method="post" action="/login" class="auth-form">
        <input type="hidden" name="next" value={next} />
        <p class="field">
          <label for="login-email">{t('login.email')}</label>
          <input id="login-email" type="email" name="email" value={email} autocomplete="username" required />
        </p>
        <p class="field">
          <label for="login-password">{t('login.password')}</label>
          <input id="login-password" type="password" name="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">{t('login.submit')}</button>
        </p>
      </form>
      <p>
        <a href="/password/forgot">{t('login.forgot')}</a>
      </p>
    </div>
  );
}

export function ForgotForm({ t, message }: { t: Translate; message?: { kind: 'ok' | 'error'; text: string } }): VNode {
  return (
    <div class="auth-box">
      <h1>{t('reset.forgot_title')}</h1>
      {message ? <FormMessage {...message} /> : null}
      <form method="post" action="/password/forgot" class="auth-form">
        <p class="field">
          <label for="forgot-email">{t('login.email')}</label>
          <input id="forgot-email" type="email" name="email" autocomplete="username" required />
        </p>
        <p>
          <button type="submit">{t('reset.send')}</button>
        </p>
      </form>
    </div>
  );
}

export function ResetForm({ t, token, name, invite, message }: { t: Translate; token: string; name: string; invite: boolean; message?: { kind: 'ok' | 'error'; text: string } }): VNode {
  return (
    <div class="auth-box">
      <h1>{invite ? t('reset.invite_title', { name }) : t('reset.title', { name })}</h1>
      {message ? <FormMessage {...message} /> : null}
      <form method="post" action="/password/reset" class="auth-form">
        <input type="hidden" name="token" value={token} />
        <p class="field">
          <label for="reset-password">{t('reset.new_password')}</label>
          <input id="reset-password" type="password" name="password" autocomplete="new-password" minLength={10} required aria-describedby="reset-hint" />
          <span id="reset-hint" class="hint">
            {t('reset.hint')}
          </span>
        </p>
        <p>
          <button type="submit">{t('reset.save')}</button>
        </p>
      </form>
    </div>
  );
}

import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../config';
import type { AuthUser } from '../modules/accounts/account';
import { canAdmin } from '../modules/admin/admin.policy';
import { canModerate } from '../modules/moderation/moderation.policy';
import { assetUrl } from './assets';
import type { Translate } from './i18n/i18n';

export interface AdminLayoutProps {
  locale: Locale;
  t: Translate;
  user: AuthUser;
  title: string;
  /** Which item of the newsroom's navigation is current. */
  current?: 'articles' | 'media' | 'sections' | 'moderation' | 'users' | 'settings' | 'account';
  /** CSRF token of the session, for the logout form. */
  csrf: string;
  scripts?: string[];
  children: ComponentChildren;
}

/**
 * The frame of the newsroom's pages (/admin…): the same stylesheet as the site,
 * a navigation by role, the signed-in user and logout. Never cached.
 */
export function AdminLayout(p: AdminLayoutProps): VNode {
  const { t, user } = p;
  const moderates = canModerate(user, 'moderation:queue');
  const item = (key: NonNullable<AdminLayoutProps['current']>, href: string, label: string) => (
    <li>
      <a href={href} aria-current={p.current === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <html lang={p.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${p.title} — ${t('admin.title')}`}</title>
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {(p.scripts ?? []).map((s) => (
          <script src={assetUrl(s)} defer />
        ))}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <p class="site-title">
              <a href="/admin">{t('admin.title')}</a>
            </p>
            <nav aria-label={t('admin.nav')}>
              <ul class="nav">
                {canAdmin(user, 'admin:articles') ? item('articles', '/admin/articles', t('admin.nav.articles')) : null}
                {canAdmin(user, 'admin:media') ? item('media', '/admin/media', t('admin.nav.media')) : null}
                {canAdmin(user, 'admin:sections') ? item('sections', '/admin/sections', t('admin.nav.sections')) : null}
                {moderates ? item('moderation', '/admin/moderation', t('admin.nav.moderation')) : null}
                {canAdmin(user, 'admin:users') ? item('users', '/admin/users', t('admin.nav.users')) : null}
                {canAdmin(user, 'admin:settings') ? item('settings', '/admin/settings', t('admin.nav.settings')) : null}
                <li>
                  <a href="/">{t('admin.nav.site')}</a>
                </li>
              </ul>
            </nav>
            <form method="post" action="/logout" class="logout-form">
              <input type="hidden" name="_csrf" value={p.csrf} />
              <a class="admin-user" href="/admin/account">
                {user.name}
              </a>{' '}
              <button type="submit">{t('admin.logout')}</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          <h1>{p.title}</h1>
          {p.children}
        </main>
      </body>
    </html>
  );
}

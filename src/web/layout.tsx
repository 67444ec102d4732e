import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Locale } from '../config';
import type { Translate } from './i18n/i18n';
import { assetUrl } from './assets';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  /** Extra elements for <head> (Open Graph, JSON-LD, feeds…). */
  head?: ComponentChildren;
  /** Scripts (names under /assets) to load, deferred. */
  scripts?: string[];
  noindex?: boolean;
}

export interface LayoutProps {
  locale: Locale;
  t: Translate;
  meta: PageMeta;
  sections?: { slug: string; name: string }[];
  children: ComponentChildren;
}

/** The frame of every public page: landmarks, skip link, navigation, footer. */
export function Layout({ locale, t, meta, sections = [], children }: LayoutProps): VNode {
  const siteName = t('site.name');
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title === siteName ? siteName : `${meta.title} — ${siteName}`}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.canonical ? <link rel="canonical" href={meta.canonical} /> : null}
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {meta.head}
        {(meta.scripts ?? []).map((s) => (
          <script src={assetUrl(s)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <p class="site-title">
              <a href="/">{siteName}</a>
            </p>
            <p class="site-tagline">{t('site.tagline')}</p>
            <nav aria-label={t('nav.main')}>
              <ul class="nav">
                <li>
                  <a href="/">{t('nav.home')}</a>
                </li>
                {sections.map((s) => (
                  <li>
                    <a href={`/${s.slug}`}>{s.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <form class="search-form" role="search" method="get" action="/search">
              <label for="site-search" class="visually-hidden">
                {t('nav.search')}
              </label>
              <input id="site-search" type="search" name="q" placeholder={t('nav.search')} />
              <button type="submit">{t('nav.search')}</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('footer.text')}</p>
            <p>
              <a href="/privacy">{t('privacy.footer_link')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page to an HTML document string (escaping is the renderer's default). */
export function renderDocument(vnode: VNode): string {
  return `<!doctype html>${render(vnode)}`;
}

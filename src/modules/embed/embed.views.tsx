import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../../config';
import { assetUrl } from '../../web/assets';
import type { Translate } from '../../web/i18n/i18n';
import { renderDocument } from '../../web/layout';

export interface EmbedLayoutProps {
  locale: Locale;
  title: string;
  /** Scripts (names under /assets) besides embed-frame.js, which reports the height to the host page. */
  scripts?: string[];
  children: ComponentChildren;
}

/** The frame of the embedded discussion: no site header or footer, never indexed. */
export function EmbedLayout({ locale, title, scripts = [], children }: EmbedLayoutProps): VNode {
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="robots" content="noindex" />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {['embed-frame.js', ...scripts].map((s) => (
          <script src={assetUrl(s)} defer />
        ))}
      </head>
      <body class="embed">
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

/** The link to the full article, opened outside the frame (a new tab). */
export function ArticleLink({ t, href, title }: { t: Translate; href: string; title: string }): VNode {
  return (
    <p class="embed-article">
      <a href={href} target="_blank" rel="noopener">
        {t('embed.read_article', { title })}
      </a>{' '}
      <span class="visually-hidden">{t('embed.new_tab')}</span>
    </p>
  );
}

/** A small page in the frame: why there is no discussion to show. */
export function embedNotice(locale: Locale, t: Translate, title: string, text: string): string {
  return renderDocument(
    <EmbedLayout locale={locale} title={title}>
      <section class="notice-page embed-notice">
        <h1>{title}</h1>
        <p>{text}</p>
      </section>
    </EmbedLayout>,
  );
}

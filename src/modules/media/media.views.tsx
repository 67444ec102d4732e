import type { VNode } from 'preact';
import type { Translate } from '../../web/i18n/i18n';
import { FormMessage } from '../accounts/login.views';
import { mediaPath, MEDIA_MAX_BYTES, type Media } from './media';

/** Widths the featured image takes on the article page (the article column is 42rem). */
const FEATURED_SIZES = '(min-width: 44rem) 42rem, 100vw';

function srcset(m: Media, type: string): string {
  return m.renditions
    .filter((r) => r.type === type)
    .map((r) => `${mediaPath(r.file)} ${r.width}w`)
    .join(', ');
}

/** A responsive picture: AVIF, then WebP, then the full-size copy; the browser picks the width from srcset and sizes. */
export function Picture({ media, sizes = FEATURED_SIZES, eager = false }: { media: Media; sizes?: string; eager?: boolean }): VNode {
  return (
    <picture>
      <source type="image/avif" srcset={srcset(media, 'image/avif')} sizes={sizes} />
      <source type="image/webp" srcset={srcset(media, 'image/webp')} sizes={sizes} />
      <img src={mediaPath(media.file)} alt={media.alt} width={media.width} height={media.height} sizes={sizes} loading={eager ? 'eager' : 'lazy'} decoding="async" />
    </picture>
  );
}

/** The featured image of an article page. */
export function FeaturedImage({ media }: { media: Media }): VNode {
  return (
    <figure class="featured-image">
      <Picture media={media} eager />
    </figure>
  );
}

export function MediaLibrary({ t, csrf, media, message }: { t: Translate; csrf: string; media: Media[]; message?: { kind: 'ok' | 'error'; text: string } | undefined }): VNode {
  return (
    <>
      {message ? <FormMessage {...message} /> : null}
      <h2 id="upload">{t('media.upload')}</h2>
      {/* _csrf and alt come before the file: multipart parts arrive in order. */}
      <form method="post" action="/admin/media" enctype="multipart/form-data" class="upload-form" aria-labelledby="upload">
        <input type="hidden" name="_csrf" value={csrf} />
        <p class="field">
          <label for="media-alt">{t('media.alt')}</label>
          <input id="media-alt" name="alt" required maxLength={500} aria-describedby="media-alt-hint" />
          <span class="hint" id="media-alt-hint">
            {t('media.alt_hint')}
          </span>
        </p>
        <p class="field">
          <label for="media-file">{t('media.file', { max: MEDIA_MAX_BYTES / 1024 / 1024 })}</label>
          <input id="media-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required />
        </p>
        <button type="submit">{t('media.submit')}</button>
      </form>
      <h2>{t('media.title')}</h2>
      {media.length === 0 ? (
        <p class="empty">{t('media.none')}</p>
      ) : (
        <ul class="media-grid">
          {media.map((m) => (
            <li class="media-item">
              <Picture media={m} sizes="12rem" />
              <p class="hint">
                #{m.id} · {t('media.size', { width: m.width, height: m.height })}
              </p>
              {m.alt ? null : <p class="notice notice-error">{t('media.alt_missing')}</p>}
              <form method="post" action={`/admin/media/${m.id}/alt`} class="row-form">
                <input type="hidden" name="_csrf" value={csrf} />
                <label for={`alt-${m.id}`} class="visually-hidden">
                  {t('media.alt')}
                </label>
                <input id={`alt-${m.id}`} name="alt" value={m.alt} required maxLength={500} />
                <button type="submit">{t('media.alt_save')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

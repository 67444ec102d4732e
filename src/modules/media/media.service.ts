import { createHash } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { Deps } from '../../deps';
import { NotFoundError, ValidationError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import { MEDIA_MAX_PIXELS, RENDITION_WIDTHS, UnsupportedImageError, type Media, type Rendition } from './media';
import { assertMedia } from './media.policy';
import { countMediaWithFile, deleteMediaRow, findMediaById, insertMedia, listMedia, updateMediaAlt } from './media.repository';

/** What sharp reports, mapped to what we accept. The declared type and the file name are never trusted. */
const ACCEPTED: Record<'jpeg' | 'png' | 'webp' | 'avif', { type: string; ext: string }> = {
  jpeg: { type: 'image/jpeg', ext: 'jpg' },
  png: { type: 'image/png', ext: 'png' },
  webp: { type: 'image/webp', ext: 'webp' },
  avif: { type: 'image/avif', ext: 'avif' },
};

type Row = NonNullable<Awaited<ReturnType<typeof findMediaById>>>;

function toMedia(r: Row): Media {
  return {
    id: r.id,
    originalName: r.original_name,
    alt: r.alt,
    type: r.type,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    file: r.file,
    renditions: JSON.parse(r.renditions) as Rendition[],
    createdAt: r.created_at,
  };
}

/** Reads the image's real format from its bytes; anything but JPEG, PNG, WebP or AVIF is refused. */
async function sniff(buffer: Buffer): Promise<{ format: keyof typeof ACCEPTED; width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(buffer, { limitInputPixels: MEDIA_MAX_PIXELS }).metadata();
  } catch {
    throw new UnsupportedImageError('the content is not an image');
  }
  // AVIF is a HEIF container with AV1 inside; other HEIF (HEIC) is not for the web.
  const format = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heic') : meta.format;
  if (!(format in ACCEPTED) || !meta.width || !meta.height) throw new UnsupportedImageError(`the content is ${format}`);
  if (meta.width * meta.height > MEDIA_MAX_PIXELS) throw new UnsupportedImageError('the image has too many pixels');
  const turned = (meta.orientation ?? 1) >= 5;
  return { format: format as keyof typeof ACCEPTED, width: turned ? meta.height : meta.width, height: turned ? meta.width : meta.height };
}

/** The widths to render for an image of this width: the standard ones below it, and its own up to the largest. */
export function renditionWidths(width: number): number[] {
  const max = Math.max(...RENDITION_WIDTHS);
  const below = RENDITION_WIDTHS.filter((w) => w < width);
  return width <= max ? [...below, width] : [...below];
}

/**
 * Stores an upload: its content sniffed, a full-size copy re-encoded without its
 * metadata (no GPS or camera data leaks), WebP and AVIF renditions at several
 * widths. Files are named by content hash, so they can be cached forever.
 */
export async function uploadMedia(deps: Deps, user: AuthUser | null, upload: { buffer: Buffer; filename: string; alt: string }): Promise<Media> {
  assertMedia(user, 'media:upload');
  if (upload.buffer.length === 0) throw new ValidationError('file', 'the file is empty');
  const { format, width, height } = await sniff(upload.buffer);
  const name = createHash('sha256').update(upload.buffer).digest('hex').slice(0, 24);
  const source = () => sharp(upload.buffer, { limitInputPixels: MEDIA_MAX_PIXELS }).rotate();
  const accepted = ACCEPTED[format];
  const file = `${name}.${accepted.ext}`;
  const outputs: { file: string; make: () => Promise<Buffer> }[] = [{ file, make: () => (format === 'avif' ? source().avif({ effort: 2 }) : source().toFormat(format)).toBuffer() }];
  const renditions: Rendition[] = [];
  for (const w of renditionWidths(width)) {
    renditions.push({ width: w, type: 'image/avif', file: `${name}-${w}.avif` }, { width: w, type: 'image/webp', file: `${name}-${w}.webp` });
    outputs.push(
      { file: `${name}-${w}.avif`, make: () => source().resize({ width: w }).avif({ quality: 55, effort: 2 }).toBuffer() },
      { file: `${name}-${w}.webp`, make: () => source().resize({ width: w }).webp({ quality: 80 }).toBuffer() },
    );
  }
  await mkdir(deps.config.mediaDir, { recursive: true });
  try {
    await Promise.all(outputs.map(async (o) => writeFile(join(deps.config.mediaDir, o.file), await o.make())));
  } catch (err) {
    deps.log.warn({ err }, 'image could not be processed');
    throw new UnsupportedImageError('the image could not be decoded');
  }
  const row = {
    user_id: user.id,
    original_name: upload.filename.slice(0, 200),
    alt: upload.alt.trim().slice(0, 500),
    type: accepted.type,
    width,
    height,
    bytes: upload.buffer.length,
    file,
    renditions: JSON.stringify(renditions),
    created_at: deps.clock.now().toISOString(),
  };
  const id = await insertMedia(deps.db, row);
  return toMedia({ id, ...row });
}

export async function getMedia(deps: Pick<Deps, 'db'>, id: number): Promise<Media | undefined> {
  const r = await findMediaById(deps.db, id);
  return r ? toMedia(r) : undefined;
}

/** The library, newest first. */
export async function listLibrary(deps: Deps, user: AuthUser | null, limit: number, beforeId?: number): Promise<Media[]> {
  assertMedia(user, 'media:list');
  return (await listMedia(deps.db, limit, beforeId)).map(toMedia);
}

/** Describes an image; pages that show it change, so their cached copies go. */
export async function describeMedia(deps: Deps, user: AuthUser | null, id: number, alt: string): Promise<Media> {
  assertMedia(user, 'media:update');
  const m = await getMedia(deps, id);
  if (!m) throw new NotFoundError('media');
  await updateMediaAlt(deps.db, id, alt.trim());
  await deps.cache.invalidate(['*']);
  return { ...m, alt: alt.trim() };
}

/** Deletes an image and its files (unless another upload of the same bytes still uses them). */
export async function deleteMedia(deps: Deps, user: AuthUser | null, id: number): Promise<void> {
  assertMedia(user, 'media:delete');
  const m = await getMedia(deps, id);
  if (!m) throw new NotFoundError('media');
  await deleteMediaRow(deps.db, id);
  if ((await countMediaWithFile(deps.db, m.file)) === 0) {
    for (const f of [m.file, ...m.renditions.map((r) => r.file)]) await unlink(join(deps.config.mediaDir, f)).catch(() => undefined);
  }
  await deps.cache.invalidate(['*']);
}

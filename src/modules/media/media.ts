import { z } from 'zod';
import { AppError } from '../../web/errors';

/** Largest upload accepted, in bytes. */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
/** Largest image accepted, in pixels (a guard against decompression bombs). */
export const MEDIA_MAX_PIXELS = 50_000_000;
/** Widths of the renditions; an image gets those below its own width, and its own width up to the largest. */
export const RENDITION_WIDTHS = [320, 640, 1024, 1600] as const;

export interface Rendition {
  width: number;
  type: 'image/webp' | 'image/avif';
  file: string;
}

/** A stored image as the rest of the application sees it. */
export interface Media {
  id: number;
  originalName: string;
  alt: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
  file: string;
  renditions: Rendition[];
  createdAt: string;
}

/** 415: the upload is not a JPEG, PNG, WebP or AVIF image, whatever its name or declared type. */
export class UnsupportedImageError extends AppError {
  constructor(detail: string) {
    super('unsupported_image', 415, `not an accepted image (JPEG, PNG, WebP or AVIF): ${detail}`, { field: 'file' });
  }
}

/** 413: the upload is over MEDIA_MAX_BYTES. */
export class MediaTooLargeError extends AppError {
  constructor() {
    super('payload_too_large', 413, `the file is over ${MEDIA_MAX_BYTES / 1024 / 1024} MB`, { field: 'file' });
  }
}

/** Path of the routes about one media. */
export const mediaIdParams = z.object({ id: z.coerce.number().int().positive() });
/** Query of GET /api/v1/media: newest first, `before` an id (the previous page's `next`). */
export const mediaListQuery = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });
/** Body of PATCH /api/v1/media/:id (and the library page's alt form). */
export const mediaAltSchema = z.object({ alt: z.string().trim().min(1).max(500) }).strict();

/** The public path of a stored file. */
export function mediaPath(file: string): string {
  return `/media/${file}`;
}

/** A media as the JSON API shows it (CONTRACT.md): absolute URLs. */
export function presentMedia(m: Media, baseUrl: string) {
  return {
    id: m.id,
    url: baseUrl + mediaPath(m.file),
    width: m.width,
    height: m.height,
    type: m.type,
    alt: m.alt,
    renditions: m.renditions.map((r) => ({ width: r.width, url: baseUrl + mediaPath(r.file), type: r.type })),
    createdAt: m.createdAt,
  };
}

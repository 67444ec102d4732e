import { z } from 'zod';
import { AUTHENTICATED, errors, json, jsonBody, NO_CONTENT, type ApiPaths } from '../../infra/openapi';
import { MEDIA_MAX_BYTES, mediaAltSchema, mediaIdParams, mediaListQuery, type presentMedia } from './media';

const mediaOut = z
  .object({
    id: z.number().int(),
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    type: z.string(),
    alt: z.string(),
    renditions: z.array(z.object({ width: z.number().int(), url: z.string(), type: z.enum(['image/webp', 'image/avif']) })),
    createdAt: z.string(),
  })
  .meta({ id: 'Media' });

type Assignable<T extends U, U> = T;
export type MediaDocumented = Assignable<ReturnType<typeof presentMedia>, z.infer<typeof mediaOut>>;

/** What POST /api/v1/media reads (multipart; the route reads the parts itself, bounded by MEDIA_MAX_BYTES). */
const uploadForm = z.object({
  file: z.string().meta({ format: 'binary', description: `JPEG, PNG, WebP or AVIF, judged from its bytes; at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB and 50 megapixels` }),
  alt: z.string().max(500).optional().meta({ description: 'The text alternative' }),
});

const tags = ['media'];
const security = AUTHENTICATED;

/** The media library: upload, list, describe, delete. */
export const mediaPaths: ApiPaths = {
  '/api/v1/media': {
    post: {
      tags,
      security,
      summary: 'Upload an image; it is re-encoded and gets WebP/AVIF renditions',
      requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadForm } } },
      responses: { '201': json('The media', mediaOut), ...errors([400, 401, 403, 413, 415], { 415: ['unsupported_image'] }) },
    },
    get: {
      tags,
      security,
      summary: 'The library, newest first',
      requestParams: { query: mediaListQuery },
      responses: { '200': json('A page of media', z.object({ media: z.array(mediaOut), next: z.number().int().nullable() })), ...errors([400, 401, 403]) },
    },
  },
  '/api/v1/media/{id}': {
    patch: {
      tags,
      security,
      summary: 'Change the text alternative',
      requestParams: { path: mediaIdParams },
      requestBody: jsonBody(mediaAltSchema),
      responses: { '200': json('The media', mediaOut), ...errors([400, 401, 403, 404]) },
    },
    delete: { tags, security, summary: 'Delete an image and its files', requestParams: { path: mediaIdParams }, responses: { '204': NO_CONTENT, ...errors([400, 401, 403, 404]) } },
  },
};

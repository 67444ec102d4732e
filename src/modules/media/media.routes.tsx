import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { AppError, messageFor, ValidationError } from '../../web/errors';
import { findNul } from '../../web/boundary';
import { t } from '../../web/i18n/i18n';
import { parseInput } from '../../web/validate';
import { verifyFormCsrf } from '../accounts/session.service';
import { adminPage, field, redirectAnonymousToLogin, type AdminContext } from '../admin/admin.guard';
import { sendAdmin } from '../admin/admin.render';
import { MEDIA_MAX_BYTES, mediaAltSchema as altSchema, mediaIdParams as idParams, mediaListQuery as listQuery, MediaTooLargeError, presentMedia } from './media';
import { assertMedia } from './media.policy';
import { deleteMedia, describeMedia, listLibrary, uploadMedia } from './media.service';
import { MediaLibrary } from './media.views';

interface Upload {
  buffer: Buffer;
  filename: string;
  fields: Record<string, string>;
}

/** Reads a multipart body: the "file" part into memory (bounded by the size limit) and the text fields, in any order. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new ValidationError('file', 'send the image as multipart/form-data in the field "file"');
  const fields: Record<string, string> = {};
  let file: { buffer: Buffer; filename: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { buffer, filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new MediaTooLargeError();
    if (err instanceof AppError) throw err;
    // Busboy's and the plugin's complaints (no boundary, a cut body, too many parts) are the sender's fault.
    throw new ValidationError('file', `malformed multipart body (${err instanceof Error ? err.message : 'unreadable'})`, {
      fr: t('fr', 'media.malformed'),
      en: t('en', 'media.malformed'),
    });
  }
  // The input boundary sees JSON and forms; multipart text fields are read here.
  const nul = findNul(fields);
  if (nul !== undefined) throw new ValidationError(nul, 'contains a NUL character', { fr: t('fr', 'validation.nul'), en: t('en', 'validation.nul') });
  if (!file) throw new ValidationError('file', 'the field "file" is missing');
  return { ...file, fields };
}

/** Media: the upload API, the library page, and the files themselves (named by content hash, cached for a year). */
export async function registerMediaRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const root = resolve(deps.config.mediaDir);
  mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, { root, prefix: '/media/', decorateReply: false, immutable: true, maxAge: '365d', index: false, wildcard: true });

  // Multipart parsing only for the routes in this scope.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });

    scope.post('/api/v1/media', async (request, reply) => {
      // Refuse before reading megabytes from someone who may not upload.
      assertMedia(request.user, 'media:upload');
      const up = await readUpload(request);
      const m = await uploadMedia(deps, request.user, { buffer: up.buffer, filename: up.filename, alt: up.fields.alt ?? '' });
      return reply.code(201).send(presentMedia(m, deps.config.baseUrl));
    });

    scope.register(async (pages) => {
      redirectAnonymousToLogin(pages);
      pages.post('/admin/media', async function submitUpload(request, reply) {
        const ctx = adminPage(request, 'admin:media');
        let up: Upload;
        try {
          up = await readUpload(request);
        } catch (err) {
          return libraryPage(ctx, reply, errorMessage(ctx, err), 400);
        }
        verifyFormCsrf(request, up.fields._csrf);
        try {
          if (!up.fields.alt?.trim()) throw new ValidationError('alt', ctx.t('media.alt_hint'));
          await uploadMedia(deps, ctx.user, { buffer: up.buffer, filename: up.filename, alt: up.fields.alt });
          // eslint-disable-next-line @typescript-eslint/return-await -- a FastifyReply is thenable, not a promise to wait for
          return reply.redirect('/admin/media?uploaded=1', 303);
        } catch (err) {
          const status = err instanceof AppError ? err.status : 500;
          return libraryPage(ctx, reply, errorMessage(ctx, err), status);
        }
      });
    });
  });

  const errorMessage = (ctx: AdminContext, err: unknown) => {
    if (err instanceof AppError && err.status < 500 && err.status !== 401) return { kind: 'error' as const, text: ctx.t('media.error', { message: messageFor(err, ctx.locale) }) };
    throw err;
  };

  const libraryPage = async (ctx: AdminContext, reply: Parameters<typeof sendAdmin>[1], message?: { kind: 'ok' | 'error'; text: string }, status = 200) =>
    sendAdmin(ctx, reply, { title: ctx.t('media.title'), current: 'media', status }, <MediaLibrary t={ctx.t} csrf={ctx.csrf} media={await listLibrary(deps, ctx.user, 100)} message={message} />);

  app.get('/api/v1/media', async (request) => {
    const q = parseInput(listQuery, request.query, request.locale);
    const items = await listLibrary(deps, request.user, q.limit + 1, q.before);
    const page = items.slice(0, q.limit);
    return { media: page.map((m) => presentMedia(m, deps.config.baseUrl)), next: items.length > q.limit ? (page[page.length - 1]?.id ?? null) : null };
  });

  app.patch('/api/v1/media/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const { alt } = parseInput(altSchema, request.body, request.locale);
    return presentMedia(await describeMedia(deps, request.user, id, alt), deps.config.baseUrl);
  });

  app.delete('/api/v1/media/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    await deleteMedia(deps, request.user, id);
    return reply.code(204).send();
  });

  await app.register(async (pages) => {
    redirectAnonymousToLogin(pages);
    pages.get('/admin/media', async function showLibrary(request, reply) {
      const ctx = adminPage(request, 'admin:media');
      const uploaded = (request.query as { uploaded?: string }).uploaded === '1';
      return libraryPage(ctx, reply, uploaded ? { kind: 'ok', text: ctx.t('media.uploaded') } : undefined);
    });

    pages.post('/admin/media/:id/alt', async function submitAlt(request, reply) {
      const ctx = adminPage(request, 'admin:media');
      verifyFormCsrf(request, field(request.body, '_csrf'));
      const { id } = parseInput(idParams, request.params);
      try {
        const { alt } = parseInput(altSchema, { alt: field(request.body, 'alt') }, ctx.locale);
        await describeMedia(deps, ctx.user, id, alt);
        return await libraryPage(ctx, reply, { kind: 'ok', text: ctx.t('media.alt_saved') });
      } catch (err) {
        return libraryPage(ctx, reply, errorMessage(ctx, err), 400);
      }
    });
  });
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import { resolveLegacyUrl } from '../infra/legacy-urls';
import { AppError, messageFor } from './errors';
import type { MessageKey } from './i18n/i18n';
import { sendPublicPage } from './public-page';

interface Problem {
  status: number;
  code: string;
  message: string;
  details: Record<string, string | number>;
}

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
  FST_ERR_VALIDATION: { status: 400, code: 'invalid_input' },
};

/** An error's message in the reader's language, naming the field of a ValidationError. */
function localizedMessage(err: AppError, request: FastifyRequest): string {
  if (err.code === 'csrf') return request.t('error.csrf');
  return messageFor(err, request.locale);
}

/** Seconds a client is told to wait after a 503 (the database or Redis came back in a few seconds in our fault tests). */
export const RETRY_AFTER_SECONDS = 5;

/** A database error the client caused or cannot help (a duplicate, a value the engine cannot hold, an outage), else undefined. */
function databaseProblem(deps: Deps, err: unknown, request: FastifyRequest): Problem | undefined {
  const fault = deps.dialect.classifyError(err) ?? (err instanceof Error && err.cause ? deps.dialect.classifyError(err.cause) : undefined);
  switch (fault) {
    case 'unique':
      return { status: 409, code: 'conflict', message: request.t('error.conflict'), details: {} };
    case 'out_of_range':
      return { status: 400, code: 'invalid_input', message: request.t('error.out_of_range'), details: {} };
    case 'bad_text':
      return { status: 400, code: 'invalid_input', message: request.t('error.bad_text'), details: {} };
    case 'unavailable':
      return { status: 503, code: 'unavailable', message: request.t('error.unavailable'), details: { dependency: 'database' } };
    default:
      return undefined;
  }
}

function toProblem(deps: Deps, err: FastifyError | Error, request: FastifyRequest): Problem {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: localizedMessage(err, request), details: err.details };
  const db = databaseProblem(deps, err, request);
  if (db) return db;
  const fe = err as FastifyError;
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { ...known, message: request.t(`error.${known.code}` as MessageKey, { message: fe.message }), details: {} };
  if (err instanceof SyntaxError && fe.statusCode === 400) return { status: 400, code: 'invalid_json', message: request.t('error.invalid_json'), details: {} };
  if (fe.statusCode === 503) return { status: 503, code: 'unavailable', message: request.t('error.unavailable'), details: {} };
  if (fe.statusCode === 429) return { status: 429, code: 'rate_limited', message: request.t('error.rate_limited'), details: {} };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, code: 'bad_request', message: fe.message, details: {} };
  return { status: 500, code: 'internal', message: request.t('error.internal'), details: {} };
}

function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html') || request.method === 'GET' || request.method === 'POST';
}

/** The error page: the site's frame and navigation (none when the sections cannot be read, or for a 429). */
function errorPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, p: Problem): Promise<FastifyReply> {
  const t = request.t;
  const title = p.status === 404 ? t('error.not_found') : t('error.title');
  const text = p.status === 404 ? t('error.not_found_hint') : p.status >= 500 ? t('error.internal') : p.message;
  const body = (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t('error.back_home')}</a>
      </p>
    </>
  );
  // A refused flood (429) or an outage (503) costs no query.
  return sendPublicPage(deps, request, reply, { title, body, status: p.status, nav: p.status !== 429 && p.status !== 503 });
}

/**
 * Turns every error into `{error, message}` (API) or an error page (site).
 * Never a stack trace to a client; unexpected errors are logged with the request id.
 */
export function registerErrorHandling(app: FastifyInstance, deps: Deps): void {
  /** An old address's new one: only a GET of a page can be one (an API answer waits for no lookup). */
  const mayBeLegacy = (request: FastifyRequest): boolean => request.method === 'GET' && !request.url.startsWith('/api/');
  const legacy = async (request: FastifyRequest): Promise<string | undefined> => {
    try {
      return await resolveLegacyUrl(deps, request.url);
    } catch (err) {
      request.log.warn({ err }, 'legacy URL lookup failed');
      return undefined;
    }
  };
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const p = toProblem(deps, err, request);
    if (p.status === 404 && mayBeLegacy(request)) {
      const target = await legacy(request);
      if (target) return reply.redirect(target, 301);
    }
    if (p.status >= 500) request.log.error({ err }, 'unhandled error');
    if (p.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(typeof p.details.retryAfter === 'number' ? p.details.retryAfter : 60));
    if (p.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (wantsHtml(request)) return errorPage(deps, request, reply, p);
    return reply.code(p.status).send({ error: p.code, message: p.message, ...p.details });
  });
  app.setNotFoundHandler(async (request, reply) => {
    const target = mayBeLegacy(request) ? await legacy(request) : undefined;
    if (target) return reply.redirect(target, 301);
    const p: Problem = { status: 404, code: 'not_found', message: 'not found', details: {} };
    if (wantsHtml(request)) return errorPage(deps, request, reply, p);
    return reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` });
  });
}

import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';

/**
 * The pieces every module's `*.openapi.ts` shares: error answers as docs/errors.md
 * lists them, JSON bodies, the two ways to authenticate. Each module describes its
 * own routes with the zod schemas that validate them; src/modules/api assembles them.
 */
export type ApiPaths = ZodOpenApiPathsObject;
export type ApiOperation = ZodOpenApiOperationObject;

/** The error codes each status may carry (docs/errors.md); a route names the statuses it answers. */
export const ERROR_CODES = {
  400: ['invalid_input', 'invalid_json', 'bad_request'],
  401: ['unauthorized'],
  403: ['forbidden', 'csrf'],
  404: ['not_found'],
  409: ['conflict'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['rate_limited'],
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'The input is not acceptable; `field` names the culprit',
  401: 'No valid session or token',
  403: 'The role may not do this, or a cross-site request',
  404: 'No such resource, or not visible to the caller',
  409: 'A unique name is taken',
  413: 'The body is over the limit',
  415: 'A content type the endpoint does not take',
  429: 'Too many requests; Retry-After says when to retry',
};

/** `{"error": CODE, "message": TEXT, …details}` (docs/errors.md). */
export function errorSchema(codes: readonly [string, ...string[]]) {
  return z
    .object({
      error: z.enum(codes),
      message: z.string().meta({ description: 'For humans, in the site’s language' }),
      field: z.string().optional().meta({ description: 'The field at fault (invalid_input, conflict)' }),
      what: z.string().optional().meta({ description: 'What was not found (not_found)' }),
    })
    .meta({ description: 'An error (docs/errors.md)' });
}

/**
 * Error answers of a route: each status with its usual codes, plus the module's own
 * (e.g. `{ 403: ['comments_closed'] }` adds to forbidden/csrf).
 */
export function errors(statuses: readonly ErrorStatus[], extra: Partial<Record<ErrorStatus, readonly string[]>> = {}): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  for (const status of statuses) {
    const codes = [...ERROR_CODES[status], ...(extra[status] ?? [])] as [string, ...string[]];
    out[String(status) as `${ErrorStatus}`] = { description: ERROR_TEXT[status], content: { 'application/json': { schema: errorSchema(codes) } } };
  }
  return out;
}

/** A JSON answer. */
export function json(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body. */
export function jsonBody(schema: z.ZodType, required = true) {
  return { required, content: { 'application/json': { schema } } };
}

/** 204: done, nothing to say. */
export const NO_CONTENT = { description: 'Done; no body' } as const;

/** The usual path parameter `:id`, a positive integer (as the routes' `idParams`). */
export const idPath = z.object({ id: z.coerce.number().int().positive() });

/** Routes that need a signed-in user (token or session); the others are public. */
export const AUTHENTICATED: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

/** The API's security schemes: a Bearer token (palabre token create) or the session cookie of /login. */
export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'An API token: `palabre token create --email E`, or /admin/account' },
  session: { type: 'apiKey', in: 'cookie', name: 'palabre_session', description: 'The session of /login; unsafe requests then need the site’s Origin (CSRF)' },
} as const;

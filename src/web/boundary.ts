import { parse as parseQuery } from 'node:querystring';
import type { FastifyInstance } from 'fastify';
import type { Dialect } from '../db/dialect';
import { NotFoundError, ValidationError } from './errors';
import { t } from './i18n/i18n';

/**
 * The query string as one value per name. A repeated parameter (`?next=1&next=2`)
 * is ambiguous, and components that would read the first and the last differently
 * are how parameter pollution slips past checks: it counts as not sent. No route
 * takes a list from the query string, so every handler reads a string or nothing.
 */
export function parseQuerySingle(query: string): Record<string, string> {
  const parsed = parseQuery(query);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Path parameters that name a row by its numeric id. */
function isIdParam(name: string): boolean {
  return name === 'id' || name === 'rid' || name.endsWith('Id');
}

/** The path of the first string holding a NUL character (keys included), or undefined. */
export function findNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  if (Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = findNul(item, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Checks every request once, before any handler: text with a NUL character
 * (PostgreSQL cannot store it; nothing legitimate sends it) is refused with 400
 * naming the field, and an id beyond what the engine's id columns hold names no
 * row, so it is a 404 rather than a database error.
 */
export function registerInputBoundary(app: FastifyInstance, dialect: Dialect): void {
  // A callback hook: no promise for what every request goes through.
  app.addHook('preValidation', (request, _reply, done) => {
    const params = (request.params ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(params)) {
      if (isIdParam(name) && typeof value === 'string' && /^\d+$/.test(value) && Number(value) > dialect.maxId) {
        done(new NotFoundError(name));
        return;
      }
    }
    const field = findNul(params, '') ?? findNul(request.query, '') ?? findNul(request.body, '');
    if (field !== undefined) {
      done(new ValidationError(field, 'contains a NUL character', { fr: t('fr', 'validation.nul'), en: t('en', 'validation.nul') }));
      return;
    }
    done();
  });
}

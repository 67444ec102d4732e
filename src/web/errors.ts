import type { Locale } from '../config';

/**
 * Every error a user can be shown, with a stable code and an HTTP status.
 * The list is documented in docs/errors.md; codes never change once shipped.
 */
export class AppError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `comments_closed`. */
    readonly code: string,
    readonly status: number,
    message: string,
    /** Public context (never secrets), e.g. the field at fault. */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The reason of a ValidationError in each language, when it is known in both. */
export type LocalizedText = Record<Locale, string>;

/**
 * 400: the input is not acceptable; `field` names the culprit. `reason` is the
 * bare reason (without the field); `localized`, when given, holds it in every
 * language so the error handler answers in the reader's.
 */
export class ValidationError extends AppError {
  readonly field: string;
  readonly reason: string;
  readonly localized: LocalizedText | undefined;
  constructor(field: string, message: string, localized?: LocalizedText) {
    super('invalid_input', 400, field ? `${field}: ${message}` : message, field ? { field } : {});
    this.field = field;
    this.reason = message;
    this.localized = localized;
  }
}
export class NotFoundError extends AppError {
  constructor(what = 'resource') {
    super('not_found', 404, `${what} not found`, { what });
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required') {
    super('unauthorized', 401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'not allowed') {
    super('forbidden', 403, message);
  }
}
export class CsrfError extends AppError {
  constructor() {
    super('csrf', 403, 'cross-site request refused');
  }
}
export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super('conflict', 409, message, field ? { field } : {});
  }
}
export class CommentsClosedError extends AppError {
  constructor() {
    super('comments_closed', 403, 'comments are closed on this article');
  }
}
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 429, 'too many requests; try again later', { retryAfter: retryAfterSeconds });
  }
}

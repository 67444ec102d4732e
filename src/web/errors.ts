import type { Locale } from '../config';
import { catalogue } from './i18n/catalogue';
import { t, type MessageKey } from './i18n/i18n';

/**
 * Reasons that services still write in English, by their text, until they pass
 * both languages (comment.service's `required`, the cursors' `invalid cursor`).
 */
const ENGLISH_REASONS: Record<string, MessageKey> = {
  required: 'validation.required',
  'not a valid email address': 'validation.email',
  'invalid cursor': 'validation.cursor',
};

/** The field's name in that language (`name` → « nom »), or as written when the catalogue has no label. */
export function fieldLabel(locale: Locale, field: string): string {
  const key = `field.${field.split('.').pop() ?? field}`;
  return Object.hasOwn(catalogue[locale], key) ? t(locale, key as MessageKey) : field;
}

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
    // A client's error (4xx) is answered, never logged as a fault: its stack would cost a few
    // microseconds a request (async frames included) for nothing. A 5xx keeps its stack.
    const limit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = new.target.name;
  }
}

/** The reason of a ValidationError in each language, when it is known in both. */
export type LocalizedText = Record<Locale, string>;

/**
 * 400: the input is not acceptable; `field` names the culprit. `reason` is the
 * bare reason (without the field); `localized`, when given, holds it in every
 * language. `message` is English (logs, the command line); what a reader or an editor is
 * shown comes from `messageIn(locale)` (see `messageFor`).
 */
export class ValidationError extends AppError {
  readonly field: string;
  readonly reason: string;
  readonly localized: LocalizedText | undefined;
  constructor(field: string, reason: string, localized?: LocalizedText) {
    super('invalid_input', 400, field ? `${field}: ${reason}` : reason, field ? { field } : {});
    this.field = field;
    this.reason = reason;
    this.localized = localized;
  }

  /** "nom : obligatoire", "name: required": the field and the reason in that language. */
  messageIn(locale: Locale): string {
    const known = ENGLISH_REASONS[this.reason];
    // A reason only known in English keeps its English form whole, rather than half translated.
    if (!this.localized && !known) return this.field ? `${this.field}: ${this.reason}` : this.reason;
    const reason = this.localized?.[locale] ?? (known ? t(locale, known) : this.reason);
    return this.field ? t(locale, 'error.field_reason', { field: fieldLabel(locale, this.field), reason }) : reason;
  }
}

/** What a page or an answer tells the user of a refusal, in their language (a ValidationError's field and reason translated). */
export function messageFor(err: AppError, locale: Locale): string {
  return err instanceof ValidationError ? err.messageIn(locale) : err.message;
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

import { describe, expect, it } from 'vitest';
import { AppError, NotFoundError, ValidationError } from '../../src/web/errors';

/**
 * A client's error (4xx) is built without a stack trace (src/web/errors.ts: it is answered,
 * never logged as a fault); a server's error keeps its stack, and so does every error after.
 */
describe('AppError stacks', () => {
  it('builds a 4xx without frames, keeps them for a 5xx, and leaves Error.stackTraceLimit as it was', () => {
    const limit = Error.stackTraceLimit;
    const notFound = new NotFoundError('article');
    expect(notFound.stack).toBe('NotFoundError: article not found');
    expect(notFound).toMatchObject({ name: 'NotFoundError', code: 'not_found', status: 404, details: { what: 'article' } });
    expect(new ValidationError('name', 'required').stack?.split('\n')).toHaveLength(1);
    expect(Error.stackTraceLimit).toBe(limit);

    const outage = new AppError('unavailable', 503, 'database down');
    expect(outage.stack?.split('\n').length).toBeGreaterThan(1);
    expect(outage.stack).toContain('error-stacks.test.ts');
    expect(new Error('plain').stack).toContain('error-stacks.test.ts');
  });
});

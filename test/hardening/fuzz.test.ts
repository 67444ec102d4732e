import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, sessionFor, warmUpPosting } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** Requests per engine and run; FUZZ_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

/** Event streams never end: the fuzzer cannot wait for them (their parameters are checked by the routes' own tests). */
const NEVER_ENDING = /\/events$/;

const QUERY_NAMES = ['next', 'q', 'sort', 'after', 'before', 'page', 'status', 'section', 'full', 'token', 'limit', 'url', 'reset', 'id', 'from', 'to', 'liked', 'return', 'erased'];
const FIELD_NAMES = ['title', 'body', 'summary', 'name', 'email', 'slug', 'section', 'tags', 'authors', 'status', 'publishAt', 'password', 'role', 'label', 'reason', 'action', 'parentId', 'token', 'website', 'alt', 'into', 'ids', 'mode', 'locale', 'disabled', 'commentsOpen', 'image', '_csrf', 'kind', 'until', 'guests', 'moderation'];

/** Values attackers and broken clients send. */
const nasty = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '2147483648', '99999999999999999999', '-1', '0', '1', '1e309', 'NaN', 'null', 'true', '[]', '{}', '../../etc/passwd', '%00', '%', '\uD800', '𝒳', '<script>alert(1)</script>', "' or 1=1 --", '/\t/evil.example', '//evil.example', 'x'.repeat(5000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.bigInt({ min: 2n ** 31n, max: 2n ** 70n }).map(String),
);

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.integer(),
  fc.bigInt({ min: 2n ** 31n, max: 2n ** 62n }).map(Number),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 4 }),
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), nasty, { maxKeys: 3, noNullPrototype: true }),
);

type BodyKind = 'none' | 'json' | 'badjson' | 'form' | 'multipart' | 'badmultipart' | 'text';

interface Spec {
  route: number;
  params: string[];
  query: [string, string][];
  bodyKind: BodyKind;
  fields: Record<string, unknown>;
  who: 'anonymous' | 'reader' | 'editor' | 'admin' | 'session';
  ip: number;
}

function spec(routes: number): fc.Arbitrary<Spec> {
  return fc.record({
    route: fc.nat({ max: routes - 1 }),
    params: fc.array(fc.oneof(nasty, fc.nat({ max: 30 }).map(String)), { minLength: 4, maxLength: 4 }),
    query: fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), nasty), { maxLength: 4 }),
    bodyKind: fc.constantFrom<BodyKind>('none', 'json', 'json', 'json', 'badjson', 'form', 'form', 'multipart', 'badmultipart', 'text'),
    fields: fc.dictionary(fc.constantFrom(...FIELD_NAMES), jsonValue, { maxKeys: 6, noNullPrototype: true }),
    who: fc.constantFrom<Spec['who']>('anonymous', 'reader', 'editor', 'admin', 'admin', 'session'),
    ip: fc.nat({ max: 60_000 }),
  });
}

/** A path segment as sent: a lone surrogate cannot be encoded, so it goes as the invalid UTF-8 it would be. */
function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function fill(url: string, params: string[]): string {
  let i = 0;
  return url.replace(/:(\w+)|\*/g, () => segment(params[i++ % params.length] ?? '1'));
}

function multipart(fields: Record<string, unknown>, broken: boolean): { body: string; type: string } {
  const boundary = 'fuzzboundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${name === 'image' ? '; filename="x.png"' : ''}\r\n\r\n${formValue(value)}\r\n`);
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\nnot an image\r\n`;
  const body = broken ? parts.join('').slice(0, 30) : `${parts.join('')}${file}--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

function formValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

describe.each(DIALECTS)('fuzzing every route on %s', (engine) => {
  let t: TestApp;
  const auth: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    const admin = await createUserWithToken(t.deps, 'admin');
    const reader = await createUserWithToken(t.deps, 'reader');
    const session = await sessionFor(t.deps, admin.id);
    auth.editor = editor.auth;
    auth.admin = admin.auth;
    auth.reader = reader.auth;
    auth.session = session.headers;
    auth.anonymous = {};
    for (let i = 0; i < 3; i++) await createArticle(t, editor.auth, { title: `Article ${i}`, tags: ['mali'], section: undefined });
    await warmUpPosting(t, editor.auth);
  });
  afterAll(async () => t?.close());

  it(`answers ${RUNS} generated requests (seed ${SEED}) without a single 5xx`, { timeout: 240_000 }, async () => {
    const routes = t.app
      .routeTable()
      .flatMap((r) => r.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').map((method) => ({ method, url: r.url })))
      .filter((r) => !NEVER_ENDING.test(r.url));
    expect(routes.length).toBeGreaterThan(80);
    const failures = new Map<string, string>();
    const seen = new Set<string>();
    const statuses = new Map<number, number>();
    for (const s of fc.sample(spec(routes.length), { numRuns: RUNS, seed: SEED })) {
      const route = routes[s.route];
      if (!route) continue;
      const params = new URLSearchParams(s.query);
      const url = fill(route.url, s.params) + (s.query.length > 0 ? `?${params.toString()}` : '');
      const headers: Record<string, string> = { ...auth[s.who], origin: 'http://localhost:3000', 'accept-language': s.ip % 2 === 0 ? 'fr' : 'en' };
      let payload: string | undefined;
      if (route.method !== 'GET' && route.method !== 'DELETE' && s.bodyKind !== 'none') {
        if (s.bodyKind === 'json') [headers['content-type'], payload] = ['application/json', JSON.stringify(s.fields)];
        if (s.bodyKind === 'badjson') [headers['content-type'], payload] = ['application/json', `${JSON.stringify(s.fields).slice(0, -1)},`];
        if (s.bodyKind === 'text') [headers['content-type'], payload] = ['text/plain', formValue(s.fields)];
        if (s.bodyKind === 'form') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          payload = new URLSearchParams(Object.entries(s.fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, formValue(x)]) : [[k, formValue(v)]]))).toString();
        }
        if (s.bodyKind === 'multipart' || s.bodyKind === 'badmultipart') {
          const m = multipart(s.fields, s.bodyKind === 'badmultipart');
          [headers['content-type'], payload] = [m.type, m.body];
        }
      }
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers,
        remoteAddress: `10.${Math.floor(s.ip / 250) % 250}.${s.ip % 250}.${(s.ip % 200) + 1}`,
        ...(payload !== undefined ? { payload } : {}),
      });
      seen.add(`${route.method} ${route.url}`);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) {
        const key = `${route.method} ${route.url} → ${res.statusCode}`;
        if (!failures.has(key)) failures.set(key, `${route.method} ${url} ${s.bodyKind} ${payload?.slice(0, 300) ?? ''} → ${res.body.slice(0, 200)}`);
      }
    }
    if (process.env.FUZZ_REPORT) console.log('FUZZ', engine, JSON.stringify(Object.fromEntries(statuses)));
    // The requests reach the handlers: not everything is refused at the door.
    expect((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0)).toBeGreaterThan(RUNS / 10);
    expect(seen.size).toBeGreaterThan(routes.length * 0.9);
    expect([...failures.values()], `seed ${SEED}`).toEqual([]);
  });
});

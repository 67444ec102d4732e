import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../src/web/security';
import { DIALECTS } from '../support/dialects';
import { createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, { enum?: string[] }> } }> };
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<Method, Operation>>>;
}

/**
 * Every route of Fastify's table, read from printRoutes({ commonPrefix: false }): one node
 * per line, children indented by 4 characters, each with its methods in brackets.
 */
export function routeTable(printed: string): { method: Method; path: string }[] {
  const out: { method: Method; path: string }[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + (m[2] ?? '');
    stack.push(path);
    for (const verb of (m[3] ?? '').split(',').map((v) => v.trim().toLowerCase())) {
      if ((METHODS as readonly string[]).includes(verb)) out.push({ method: verb as Method, path });
    }
  }
  return out;
}

/** /api/v1/articles/:id → /api/v1/articles/{id} */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('routeTable', () => {
  it('reads nested paths and their methods', () => {
    const printed = ['├── /api/v1/articles (GET, HEAD, POST)', '│   └── /:id (GET, HEAD)', '│       └── /comments (GET, HEAD)', '└── /:section (GET, HEAD)'].join('\n');
    expect(routeTable(printed)).toEqual([
      { method: 'get', path: '/api/v1/articles' },
      { method: 'post', path: '/api/v1/articles' },
      { method: 'get', path: '/api/v1/articles/:id' },
      { method: 'get', path: '/api/v1/articles/:id/comments' },
      { method: 'get', path: '/:section' },
    ]);
  });
});

describe.each(DIALECTS)('the API described (OpenAPI) on %s', (engine) => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.json<OpenApiDocument>();
  });
  afterAll(async () => t?.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every /api/v1 route Fastify serves, and no route it does not serve', () => {
    const served = routeTable(t.app.printRoutes({ commonPrefix: false })).filter((r) => r.path.startsWith('/api/v1/'));
    // The walk itself must have found the API, or the comparison below proves nothing.
    expect(served.length).toBeGreaterThan(50);
    const missing = served.filter((r) => doc.paths[openApiPath(r.path)]?.[r.method] === undefined).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);

    const servedKeys = new Set(served.map((r) => `${r.method} ${openApiPath(r.path)}`));
    const stale = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m] && !servedKeys.has(`${m} ${path}`)).map((m) => `${m.toUpperCase()} ${path}`));
    expect(stale).toEqual([]);
  });

  it('names the routes of CONTRACT.md with their parameters, bodies, answers and errors', () => {
    const contract: [Method, string][] = [
      ['get', '/api/v1/health'],
      ['post', '/api/v1/articles'],
      ['get', '/api/v1/articles'],
      ['get', '/api/v1/articles/{id}'],
      ['patch', '/api/v1/articles/{id}'],
      ['delete', '/api/v1/articles/{id}'],
      ['post', '/api/v1/sections'],
      ['get', '/api/v1/sections'],
      ['get', '/api/v1/articles/{id}/revisions'],
      ['post', '/api/v1/media'],
      ['get', '/api/v1/articles/{id}/comments'],
      ['post', '/api/v1/articles/{id}/comments'],
      ['get', '/api/v1/articles/{id}/comments/events'],
      ['get', '/api/v1/articles/{id}/comments/token'],
      ['get', '/api/v1/moderation/queue'],
      ['post', '/api/v1/comments/{id}/moderation'],
      ['post', '/api/v1/moderation/evaluate'],
      ['get', '/api/v1/settings/discussion'],
      ['put', '/api/v1/settings/discussion'],
      ['get', '/api/v1/openapi.json'],
    ];
    for (const [method, path] of contract) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();

    // Generated from the zod schemas the routes validate with: the article's required title, its statuses.
    const create = doc.paths['/api/v1/articles']?.post;
    const body = create?.requestBody?.content['application/json']?.schema;
    expect(body?.required).toEqual(['title']);
    expect(body?.properties?.status?.enum).toEqual(['draft', 'scheduled', 'published']);
    expect(Object.keys(create?.responses ?? {})).toEqual(['201', '400', '401', '403', '409']);
    // Path and query parameters.
    expect(doc.paths['/api/v1/articles/{id}']?.get?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    expect(doc.paths['/api/v1/articles']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'section', 'q', 'after', 'limit']));
    // Errors as docs/errors.md: {"error", "message"}, with the module's own codes.
    const closed = JSON.stringify(doc.paths['/api/v1/articles/{id}/comments']?.post?.responses['403']);
    expect(closed).toContain('comments_closed');
    expect(closed).toContain('"message"');
    expect(JSON.stringify(doc.paths['/api/v1/media']?.post?.responses['415'])).toContain('unsupported_image');
  });

  it('answers a documented error as documented', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: (await createUserWithToken(t.deps, 'editor')).auth, payload: { title: '' } });
    expect(res.statusCode).toBe(400);
    const documented = JSON.stringify(doc.paths['/api/v1/articles']?.post?.responses['400']);
    const body = res.json<{ error: string; message: string; field: string }>();
    expect(documented).toContain(`"${body.error}"`);
    expect(body.field).toBe('title');
  });

  it('has a readable page in /admin, from the package’s own files, under the site’s CSP', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/api' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fadmin%2Fapi');

    const reader = await createUserWithToken(t.deps, 'reader');
    expect((await t.app.inject({ method: 'GET', url: '/admin/api', headers: reader.auth })).statusCode).toBe(403);

    const editor = await createUserWithToken(t.deps, 'moderator');
    const page = await t.app.inject({ method: 'GET', url: '/admin/api', headers: editor.auth });
    expect(page.statusCode).toBe(200);
    // The site's CSP, unchanged: no inline script or style, nothing from elsewhere.
    expect(page.headers['content-security-policy']).toBe(CSP);
    const srcs = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    // Nothing from elsewhere: every script and stylesheet is a path of this site.
    expect(srcs.filter((s) => !s.startsWith('/') && !s.startsWith('#'))).toEqual([]);
    for (const asset of ['/admin/api/assets/swagger-ui-bundle.js', '/admin/api/assets/swagger-ui.css']) {
      expect(srcs).toContain(asset);
      const res = await t.app.inject({ method: 'GET', url: asset });
      expect(res.statusCode, asset).toBe(200);
      expect(res.body.length).toBeGreaterThan(1000);
    }
    expect(srcs.some((s) => s.startsWith('/assets/api-docs.js'))).toBe(true);
    // Only the two files the page needs; the package's own index.html is not served.
    expect((await t.app.inject({ method: 'GET', url: '/admin/api/assets/index.html' })).statusCode).toBe(404);
  });
});

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/accounts/account';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Who = Role | 'anonymous';
const WHO: Who[] = ['admin', 'editor', 'author', 'moderator', 'reader', 'anonymous'];
type Headers = Record<string, string>;

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Headers;
}

/** The expected status per role, in the order of WHO. */
type Expect = [number, number, number, number, number, number];

interface Fixtures {
  t: TestApp;
  editor: { authorization: string };
  newsroomArticle(status?: 'draft' | 'published'): Promise<number>;
  media(): Promise<number>;
  /** A published comment (the editor's) under a published article. */
  comment(): Promise<number>;
}

async function pngUpload(): Promise<{ body: Buffer; type: string }> {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#347' } }).png().toBuffer();
  const b = 'matrixboundary';
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nUn carré\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="c.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${b}` };
}

let n = 0;
/** Every API action of the newsroom's modules and what each role gets. */
const MATRIX: { action: string; expect: Expect; req: (f: Fixtures) => Promise<Req> }[] = [
  // articles                                   admin editor author moder. reader anon
  { action: 'article:create draft', expect: [201, 201, 201, 403, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/articles', payload: { title: 'Brouillon' } }) },
  { action: 'article:create published', expect: [201, 201, 403, 403, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/articles', payload: { title: 'Publié', status: 'published' } }) },
  { action: 'article:read published', expect: [200, 200, 200, 200, 200, 200], req: async (f) => ({ method: 'GET', url: `/api/v1/articles/${await f.newsroomArticle()}` }) },
  { action: 'article:read another’s draft', expect: [200, 200, 404, 404, 404, 404], req: async (f) => ({ method: 'GET', url: `/api/v1/articles/${await f.newsroomArticle('draft')}` }) },
  { action: 'article:list drafts', expect: [200, 200, 200, 403, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/articles?status=draft' }) },
  { action: 'article:update another’s draft', expect: [200, 200, 403, 403, 403, 401], req: async (f) => ({ method: 'PATCH', url: `/api/v1/articles/${await f.newsroomArticle('draft')}`, payload: { title: 'Retouché' } }) },
  { action: 'article:update published', expect: [200, 200, 403, 403, 403, 401], req: async (f) => ({ method: 'PATCH', url: `/api/v1/articles/${await f.newsroomArticle()}`, payload: { correction: 'Corrigé.' } }) },
  { action: 'article:publish', expect: [200, 200, 403, 403, 403, 401], req: async (f) => ({ method: 'PATCH', url: `/api/v1/articles/${await f.newsroomArticle('draft')}`, payload: { status: 'published' } }) },
  { action: 'article:delete', expect: [204, 204, 403, 403, 403, 401], req: async (f) => ({ method: 'DELETE', url: `/api/v1/articles/${await f.newsroomArticle()}` }) },
  { action: 'article:preview', expect: [200, 200, 200, 403, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/preview', payload: { body: '*x*' } }) },
  { action: 'article:autosave', expect: [200, 200, 403, 403, 403, 401], req: async (f) => ({ method: 'PUT', url: `/api/v1/articles/${await f.newsroomArticle('draft')}/autosave`, payload: { title: 't', summary: '', body: 'b' } }) },
  // sections
  { action: 'section:list', expect: [200, 200, 200, 200, 200, 200], req: async () => ({ method: 'GET', url: '/api/v1/sections' }) },
  { action: 'section:create', expect: [201, 201, 403, 403, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/sections', payload: { name: `Rubrique ${++n}` } }) },
  {
    action: 'section:update',
    expect: [200, 200, 403, 403, 403, 401],
    req: async (f) => {
      const created = await f.t.app.inject({ method: 'POST', url: '/api/v1/sections', headers: f.editor, payload: { name: `À renommer ${++n}` } });
      return { method: 'PATCH', url: `/api/v1/sections/${created.json().slug}`, payload: { name: 'Nouveau nom' } };
    },
  },
  // tags
  {
    action: 'tag:update',
    expect: [200, 200, 403, 403, 403, 401],
    req: async (f) => {
      await createArticle(f.t, f.editor, { tags: [`Étiquette ${++n}`] });
      return { method: 'PATCH', url: `/api/v1/tags/etiquette-${n}`, payload: { name: `Étiquette renommée ${n}`, slug: `etiquette-renommee-${n}` } };
    },
  },
  {
    action: 'tag:merge',
    expect: [200, 200, 403, 403, 403, 401],
    req: async (f) => {
      await createArticle(f.t, f.editor, { tags: [`Fusion ${++n}`, 'Cible'] });
      return { method: 'POST', url: `/api/v1/tags/fusion-${n}/merge`, payload: { into: 'cible' } };
    },
  },
  // revisions
  { action: 'revision:list', expect: [200, 200, 403, 403, 403, 401], req: async (f) => ({ method: 'GET', url: `/api/v1/articles/${await f.newsroomArticle()}/revisions` }) },
  {
    action: 'revision:read',
    expect: [200, 200, 403, 403, 403, 401],
    req: async (f) => {
      const id = await f.newsroomArticle();
      const rev = await f.t.deps.db.selectFrom('revisions').select('id').where('article_id', '=', id).executeTakeFirstOrThrow();
      return { method: 'GET', url: `/api/v1/articles/${id}/revisions/${rev.id}` };
    },
  },
  {
    action: 'revision:restore',
    expect: [200, 200, 403, 403, 403, 401],
    req: async (f) => {
      const id = await f.newsroomArticle();
      const rev = await f.t.deps.db.selectFrom('revisions').select('id').where('article_id', '=', id).executeTakeFirstOrThrow();
      await f.t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${id}`, headers: f.editor, payload: { body: 'Nouveau texte.' } });
      return { method: 'POST', url: `/api/v1/articles/${id}/revisions/${rev.id}/restore` };
    },
  },
  // media
  {
    action: 'media:upload',
    expect: [201, 201, 201, 403, 403, 401],
    req: async () => {
      const m = await pngUpload();
      return { method: 'POST', url: '/api/v1/media', payload: m.body, headers: { 'content-type': m.type } };
    },
  },
  { action: 'media:list', expect: [200, 200, 200, 403, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/media' }) },
  { action: 'media:update', expect: [200, 200, 200, 403, 403, 401], req: async (f) => ({ method: 'PATCH', url: `/api/v1/media/${await f.media()}`, payload: { alt: 'Autre texte' } }) },
  { action: 'media:delete', expect: [204, 204, 403, 403, 403, 401], req: async (f) => ({ method: 'DELETE', url: `/api/v1/media/${await f.media()}` }) },
  // users and tokens
  { action: 'user:list', expect: [200, 200, 403, 403, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/users' }) },
  { action: 'user:invite author', expect: [201, 201, 403, 403, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/invitations', payload: { email: `invite${++n}@example.test`, name: 'Invité', role: 'author' } }) },
  { action: 'user:invite admin', expect: [201, 403, 403, 403, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/invitations', payload: { email: `boss${++n}@example.test`, name: 'Chef', role: 'admin' } }) },
  {
    action: 'user:update role',
    expect: [200, 403, 403, 403, 403, 401],
    req: async (f) => ({ method: 'PATCH', url: `/api/v1/users/${(await createUserWithToken(f.t.deps, 'reader')).id}`, payload: { role: 'author' } }),
  },
  { action: 'token:list own', expect: [200, 200, 200, 200, 200, 401], req: async () => ({ method: 'GET', url: '/api/v1/tokens' }) },
  { action: 'token:create own', expect: [201, 201, 201, 201, 201, 401], req: async () => ({ method: 'POST', url: '/api/v1/tokens', payload: { label: 'script' } }) },
  {
    action: 'token:revoke another’s',
    expect: [204, 404, 404, 404, 404, 401],
    req: async (f) => {
      const owner = await createUserWithToken(f.t.deps, 'author');
      const created = await f.t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: owner.auth, payload: { label: 'cible' } });
      return { method: 'DELETE', url: `/api/v1/tokens/${created.json().id}` };
    },
  },
  // settings and moderation (the moderation module's routes, as far as they exist)
  { action: 'settings:read', expect: [200, 200, 403, 403, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/settings/discussion' }) },
  { action: 'settings:update', expect: [200, 200, 403, 403, 403, 401], req: async () => ({ method: 'PUT', url: '/api/v1/settings/discussion', payload: { maxLinks: 2 } }) },
  { action: 'moderation:queue', expect: [200, 200, 403, 200, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/moderation/queue?status=pending' }) },
  { action: 'moderation:decide', expect: [200, 200, 403, 200, 403, 401], req: async (f) => ({ method: 'POST', url: `/api/v1/comments/${await f.comment()}/moderation`, payload: { action: 'approve' } }) },
  { action: 'moderation:decide (bulk)', expect: [200, 200, 403, 200, 403, 401], req: async (f) => ({ method: 'POST', url: '/api/v1/moderation/bulk', payload: { ids: [await f.comment()], action: 'approve' } }) },
  { action: 'moderation:evaluate', expect: [200, 200, 403, 200, 403, 401], req: async () => ({ method: 'POST', url: '/api/v1/moderation/evaluate', payload: { body: 'Un avis mesuré sur la question.' } }) },
  { action: 'moderation:ban (list)', expect: [200, 200, 403, 200, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/moderation/bans' }) },
  { action: 'moderation:ban (lift)', expect: [404, 404, 403, 404, 403, 401], req: async () => ({ method: 'DELETE', url: '/api/v1/moderation/bans/999999' }) },
  { action: 'moderation:log', expect: [200, 200, 403, 200, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/moderation/log' }) },
  // comments (comment.policy): former texts are for moderators
  { action: 'comment:read-edits', expect: [200, 200, 403, 200, 403, 401], req: async (f) => ({ method: 'GET', url: `/api/v1/comments/${await f.comment()}/edits` }) },
  // privacy (privacy.policy)
  { action: 'privacy-settings:read', expect: [200, 403, 403, 403, 403, 401], req: async () => ({ method: 'GET', url: '/api/v1/settings/privacy' }) },
  { action: 'privacy-settings:update', expect: [200, 403, 403, 403, 403, 401], req: async () => ({ method: 'PUT', url: '/api/v1/settings/privacy', payload: { ipRetentionDays: 90 } }) },
  { action: 'privacy:download-own', expect: [200, 200, 200, 200, 200, 401], req: async () => ({ method: 'GET', url: '/account/data.json' }) },
  // the newsroom's pages (admin.policy; moderation.policy for the queue): anonymous visitors are sent to /login
  { action: 'admin:dashboard', expect: [200, 200, 200, 200, 403, 303], req: async () => ({ method: 'GET', url: '/admin' }) },
  { action: 'admin:account', expect: [200, 200, 200, 200, 200, 303], req: async () => ({ method: 'GET', url: '/admin/account' }) },
  { action: 'admin:api-docs', expect: [200, 200, 200, 200, 403, 303], req: async () => ({ method: 'GET', url: '/admin/api' }) },
  { action: 'admin:articles', expect: [200, 200, 200, 403, 403, 303], req: async () => ({ method: 'GET', url: '/admin/articles' }) },
  { action: 'admin:media', expect: [200, 200, 200, 403, 403, 303], req: async () => ({ method: 'GET', url: '/admin/media' }) },
  { action: 'admin:sections', expect: [200, 200, 403, 403, 403, 303], req: async () => ({ method: 'GET', url: '/admin/sections' }) },
  { action: 'admin:users', expect: [200, 200, 403, 403, 403, 303], req: async () => ({ method: 'GET', url: '/admin/users' }) },
  { action: 'admin:settings', expect: [200, 200, 403, 403, 403, 303], req: async () => ({ method: 'GET', url: '/admin/settings' }) },
  { action: 'moderation:queue (page)', expect: [200, 200, 403, 200, 403, 303], req: async () => ({ method: 'GET', url: '/admin/moderation' }) },
];

describe.each(DIALECTS)('the permissions matrix on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<Who, Headers>();
  let f: Fixtures;
  let commentId: number | undefined;

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const who of WHO) {
      // Anonymous calls carry the site's Origin so that the same-origin check is not what answers.
      auth.set(who, who === 'anonymous' ? { origin: 'http://localhost:3000' } : (await createUserWithToken(t.deps, who)).auth);
    }
    const editor = { authorization: auth.get('editor')?.authorization ?? '' };
    const mediaUpload = await pngUpload();
    f = {
      t,
      editor,
      newsroomArticle: async (status = 'published') => (await createArticle(t, editor, { title: `Article de la rédaction ${++n}`, status })).id,
      comment: async () => {
        commentId ??= await (async () => {
          const article = await createArticle(t, editor, { title: 'Article commenté', status: 'published' });
          const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, headers: editor, payload: { body: 'Le mot de la rédaction.' } });
          expect(res.json<{ status: string }>().status).toBe('published');
          return res.json<{ id: number }>().id;
        })();
        return commentId;
      },
      media: async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/media', headers: { ...editor, 'content-type': mediaUpload.type }, payload: mediaUpload.body });
        return res.json<{ id: number }>().id;
      },
    };
  });
  afterAll(async () => t?.close());

  it.each(MATRIX)('$action', async ({ req, expect: wanted }) => {
    const got: number[] = [];
    for (const who of WHO) {
      const r = await req(f);
      const res = await t.app.inject({ method: r.method, url: r.url, headers: { ...(auth.get(who) ?? {}), ...(r.headers ?? {}) }, ...(r.payload !== undefined ? { payload: r.payload as string } : {}) });
      got.push(res.statusCode);
    }
    expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, wanted[i]])));
  });
});

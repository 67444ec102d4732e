import type { Deps } from '../../src/deps';
import type { Role } from '../../src/modules/accounts/account';
import { addUser, createApiToken } from '../../src/modules/accounts/user.service';
import type { TestApp } from './test-app';

let counter = 0;

/** An account of that role and an API token for it. */
export async function createUserWithToken(deps: Deps, role: Role, name?: string): Promise<{ id: number; email: string; token: string; auth: { authorization: string } }> {
  counter += 1;
  const email = `${role}${counter}-${Date.now()}@example.test`;
  const user = await addUser(deps, { email, name: name ?? `${role} ${counter}`, role, password: 'correct horse battery staple' });
  const token = await createApiToken(deps, email);
  return { id: user.id, email, token, auth: { authorization: `Bearer ${token}` } };
}

/** Creates a section through the API. */
export async function createSection(t: TestApp, auth: { authorization: string }, name: string, slug?: string): Promise<{ id: number; slug: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/sections', headers: auth, payload: { name, ...(slug ? { slug } : {}) } });
  if (res.statusCode !== 201) throw new Error(`section: ${res.statusCode} ${res.body}`);
  return res.json();
}

export interface ArticleJson {
  id: number;
  slug: string;
  url: string;
  status: string;
  title: string;
  [k: string]: unknown;
}

/** Creates an article through the API (published by default). */
export async function createArticle(t: TestApp, auth: { authorization: string }, fields: Record<string, unknown> = {}): Promise<ArticleJson> {
  counter += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/articles',
    headers: auth,
    payload: { title: `Article ${counter}`, body: 'Un texte.', status: 'published', ...fields },
  });
  if (res.statusCode !== 201) throw new Error(`article: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Path of an article's public page from its absolute url. */
export function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** A signed-in browser session for the user: the Cookie header and the session's CSRF token. */
export async function sessionFor(deps: Deps, userId: number): Promise<{ cookie: string; csrf: string; headers: { cookie: string; origin: string } }> {
  const { createSession } = await import('../../src/modules/accounts/session.service');
  const { sha256 } = await import('../../src/web/security');
  const value = await createSession(deps, userId);
  const row = await deps.db.selectFrom('sessions').select('csrf').where('id', '=', sha256(value)).executeTakeFirstOrThrow();
  const cookie = `palabre_session=${value}`;
  return { cookie, csrf: row.csrf, headers: { cookie, origin: new URL(deps.config.baseUrl).origin } };
}

/** Posts a urlencoded form as the signed-in session (the fields hold `_csrf` when the test wants it sent). */
export function postForm(t: TestApp, s: { headers: { cookie: string; origin: string } }, url: string, fields: Record<string, string>) {
  return t.app.inject({ method: 'POST', url, headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
}

/**
 * Posts one comment on a fresh article so that the process has loaded its moderation
 * models: the first comment of a process pays that start-up cost, which tests that
 * measure delivery delays must not count.
 */
export async function warmUpPosting(t: TestApp, auth: { authorization: string }): Promise<void> {
  const warm = await createArticle(t, auth, { title: 'Échauffement' });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/articles/${warm.id}/comments`,
    remoteAddress: '192.0.2.200',
    payload: { body: 'Premier commentaire de la journée.', name: 'Matinal', email: 'matinal@example.test' },
  });
  if (res.statusCode !== 201) throw new Error(`warm-up comment: ${res.statusCode} ${res.body}`);
}

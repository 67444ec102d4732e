import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps';
import { ConflictError, NotFoundError, ValidationError } from '../../web/errors';
import { sha256 } from '../../web/security';
import { userInputSchema, type AuthUser, type UserInput } from './account';
import { hashPassword } from './password';
import { countUsers, findUserByEmail, findUserByTokenHash, findUsersByIds, insertApiToken, insertUser, listBylineUsers, listUsers } from './user.repository';

/** Creates an account; the email must be new. */
export async function addUser(deps: Deps, input: UserInput): Promise<AuthUser> {
  const parsed = userInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(String(issue?.path[0] ?? 'input'), issue?.message ?? 'invalid');
  }
  const u = parsed.data;
  if (await findUserByEmail(deps.db, u.email)) throw new ConflictError(`an account already uses ${u.email}`, 'email');
  const passwordHash = u.password ? await hashPassword(u.password) : null;
  const id = await insertUser(deps.db, { ...u, passwordHash, createdAt: deps.clock.now().toISOString() });
  return { id, email: u.email.toLowerCase(), name: u.name, role: u.role };
}

/** How many accounts exist (the demo loads only into an empty site). */
export function countAccounts(deps: Pick<Deps, 'db'>): Promise<number> {
  return countUsers(deps.db);
}

/** The account with that email (any state), for importers matching authors. */
export async function getAccountByEmail(deps: Pick<Deps, 'db'>, email: string): Promise<{ id: number; email: string; name: string; role: AuthUser['role'] } | undefined> {
  const u = await findUserByEmail(deps.db, email);
  return u ? { id: u.id, email: u.email, name: u.name, role: u.role } : undefined;
}

/**
 * An author account without a password, as an import creates it (the email is what the
 * source had, possibly a placeholder address; no invitation is sent).
 */
export function addImportedAuthor(deps: Pick<Deps, 'db' | 'clock'>, a: { email: string; name: string }): Promise<number> {
  return insertUser(deps.db, { email: a.email, name: a.name, role: 'author', passwordHash: null, createdAt: deps.clock.now().toISOString() });
}

/** Every account, for the newsroom's list (the caller checks account.policy's user:list). */
export function listAccounts(deps: Pick<Deps, 'db'>): ReturnType<typeof listUsers> {
  return listUsers(deps.db);
}

/** Accounts that may sign articles (admins, editors, authors; not disabled), by name. */
export function listBylineAccounts(deps: Pick<Deps, 'db'>): Promise<{ id: number; name: string }[]> {
  return listBylineUsers(deps.db);
}

/** Creates an API token for the account with that email; returns the token (shown once, stored hashed). */
export async function createApiToken(deps: Deps, email: string, label = 'cli'): Promise<string> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) throw new NotFoundError(`account ${email}`);
  const token = `plb_${randomBytes(32).toString('base64url')}`;
  await insertApiToken(deps.db, user.id, sha256(token), label, deps.clock.now().toISOString());
  return token;
}

/** The account behind a Bearer token, if the token is valid and not revoked. */
export async function authenticateToken(deps: Deps, token: string): Promise<AuthUser | undefined> {
  if (!token.startsWith('plb_') || token.length > 200) return undefined;
  return findUserByTokenHash(deps.db, sha256(token));
}

/** Accounts by id (those that exist), e.g. the moderators to mail. */
export function usersByIds(deps: Pick<Deps, 'db'>, ids: number[]): Promise<AuthUser[]> {
  return findUsersByIds(deps.db, ids);
}

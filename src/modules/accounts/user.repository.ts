import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser, Role } from './account';

const AUTH_COLUMNS = ['id', 'email', 'name', 'role', 'locale'] as const;

export async function findUserById(db: Kysely<Database>, id: number): Promise<AuthUser | undefined> {
  return db.selectFrom('users').select(AUTH_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select([...AUTH_COLUMNS, 'password_hash', 'disabled_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findUsersByIds(db: Kysely<Database>, ids: number[]): Promise<AuthUser[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(AUTH_COLUMNS).where('id', 'in', ids).execute();
}

export async function insertUser(
  db: Kysely<Database>,
  u: { email: string; name: string; role: Role; passwordHash: string | null; createdAt: string },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ email: u.email.trim().toLowerCase(), name: u.name, role: u.role, password_hash: u.passwordHash, created_at: u.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertApiToken(db: Kysely<Database>, userId: number, tokenHash: string, label: string, now: string): Promise<void> {
  await db.insertInto('api_tokens').values({ user_id: userId, token_hash: tokenHash, label, created_at: now }).execute();
}

export async function findUserByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<AuthUser | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.locale'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findSession(db: Kysely<Database>, idHash: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.locale', 'sessions.csrf'])
    .where('sessions.id', '=', idHash)
    .where('users.disabled_at', 'is', null)
    .where('sessions.expires_at', '>', nowIso)
    .executeTakeFirst();
}

/** Every account, for the newsroom's list (newest last). */
export async function listUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .select([...AUTH_COLUMNS, 'created_at', 'disabled_at', (eb) => eb('password_hash', 'is not', null).as('has_password')])
    .orderBy('id')
    .execute();
}

/** Staff accounts that may sign articles (for bylines). */
export async function listBylineUsers(db: Kysely<Database>): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('users').select(['id', 'name']).where('role', 'in', ['admin', 'editor', 'author']).where('disabled_at', 'is', null).orderBy('name').execute();
}

export async function updateUserRow(
  db: Kysely<Database>,
  id: number,
  v: { role?: Role; name?: string; disabled_at?: string | null; password_hash?: string; locale?: 'fr' | 'en' | null },
): Promise<void> {
  // A patch that changes nothing is no UPDATE (SQL has no `SET` without columns).
  if (Object.keys(v).length === 0) return;
  await db.updateTable('users').set(v).where('id', '=', id).execute();
}

export async function listApiTokens(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertApiTokenReturningId(db: Kysely<Database>, userId: number, tokenHash: string, label: string, now: string): Promise<number> {
  const r = await db.insertInto('api_tokens').values({ user_id: userId, token_hash: tokenHash, label, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findApiToken(db: Kysely<Database>, id: number) {
  return db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

export async function revokeApiTokenRow(db: Kysely<Database>, id: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeUserApiTokens(db: Kysely<Database>, userId: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

export async function insertPasswordToken(
  db: Kysely<Database>,
  t: { user_id: number; token_hash: string; purpose: 'reset' | 'invite'; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('password_tokens').values(t).execute();
}

/** The live (unused, unexpired) token with that hash, if any. */
export async function findLivePasswordToken(db: Kysely<Database>, tokenHash: string, now: string) {
  return db
    .selectFrom('password_tokens')
    .innerJoin('users', 'users.id', 'password_tokens.user_id')
    .select(['password_tokens.id', 'password_tokens.user_id', 'password_tokens.purpose', 'users.email', 'users.name'])
    .where('password_tokens.token_hash', '=', tokenHash)
    .where('password_tokens.used_at', 'is', null)
    .where('password_tokens.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Marks a token used; false when another request used it first (single use under races). */
export async function markPasswordTokenUsed(db: Kysely<Database>, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('password_tokens').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser, Role } from './account';

const AUTH_COLUMNS = ['id', 'email', 'name', 'role'] as const;

export async function findUserById(db: Kysely<Database>, id: number): Promise<AuthUser | undefined> {
  return db.selectFrom('users').select(AUTH_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select([...AUTH_COLUMNS, 'password_hash'])
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
    .select(['users.id', 'users.email', 'users.name', 'users.role'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findSession(db: Kysely<Database>, idHash: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.csrf'])
    .where('sessions.id', '=', idHash)
    .where('sessions.expires_at', '>', nowIso)
    .executeTakeFirst();
}

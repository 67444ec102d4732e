import type { Generated } from 'kysely';

/** Roles, from most to least powerful. */
export const ROLES = ['admin', 'editor', 'author', 'moderator', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  created_at: string;
  /** Set when the account is suspended: no login, no session, no token. */
  disabled_at: string | null;
  /** Language of the newsroom's pages for this user; null = the site's. */
  locale: 'fr' | 'en' | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session id held in the cookie. */
  id: string;
  user_id: number;
  /** Per-session CSRF token for the newsroom's forms. */
  csrf: string;
  created_at: string;
  expires_at: string;
}

/** What a one-time password token is for. */
export type PasswordTokenPurpose = 'reset' | 'invite';

/** Single-use tokens sent by email (password reset, invitation); only their hash is stored. */
export interface PasswordTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  purpose: PasswordTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AccountTables {
  password_tokens: PasswordTokensTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
}

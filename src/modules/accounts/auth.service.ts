import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/errors';
import { t } from '../../web/i18n/i18n';
import { sha256 } from '../../web/security';
import { type AuthUser, type Invitation, type UserPatch } from './account';
import { assertAccount } from './account.policy';
import type { PasswordTokenPurpose } from './account.tables';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { destroyUserSessions } from './session.service';
import {
  findLivePasswordToken,
  findUserByEmail,
  findUserById,
  insertPasswordToken,
  insertUser,
  markPasswordTokenUsed,
  updateUserRow,
} from './user.repository';

/** How long an emailed link stays usable. */
export const TOKEN_TTL_MS: Record<PasswordTokenPurpose, number> = { reset: 3600_000, invite: 7 * 24 * 3600_000 };

/**
 * The account for this email and password, or undefined. A password is always
 * verified (against a fixed dummy hash when there is no usable account), so an
 * unknown email, a suspended account and a wrong password take the same time.
 */
export async function signIn(deps: Deps, email: string, password: string): Promise<AuthUser | undefined> {
  const user = await findUserByEmail(deps.db, email);
  const usable = user && user.password_hash && user.disabled_at === null ? user.password_hash : undefined;
  const ok = await verifyPassword(usable ?? (await dummyHash()), password);
  if (!ok || !user || !usable) return undefined;
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

async function issuePasswordToken(deps: Deps, userId: number, purpose: PasswordTokenPurpose): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await insertPasswordToken(deps.db, {
    user_id: userId,
    token_hash: sha256(token),
    purpose,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + TOKEN_TTL_MS[purpose]).toISOString(),
  });
  return token;
}

function passwordLink(deps: Deps, token: string): string {
  return `${deps.config.baseUrl}/password/reset?token=${encodeURIComponent(token)}`;
}

/**
 * Emails a password-reset link when the email belongs to an active account with
 * a password or a pending invitation; does nothing otherwise. Callers answer the
 * same way in both cases and do not wait for the mail.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const user = await findUserByEmail(deps.db, email);
  if (!user || user.disabled_at !== null) return;
  const token = await issuePasswordToken(deps, user.id, 'reset');
  const locale = deps.config.locale;
  await deps.mailer.send({
    to: user.email,
    subject: t(locale, 'account.mail.reset_subject'),
    text: t(locale, 'account.mail.reset_text', { name: user.name, link: passwordLink(deps, token), minutes: TOKEN_TTL_MS.reset / 60_000 }),
  });
}

/** The account a live emailed token belongs to, without using the token up. */
export async function peekPasswordToken(deps: Deps, token: string) {
  if (token.length > 200) return undefined;
  return findLivePasswordToken(deps.db, sha256(token), deps.clock.now().toISOString());
}

/**
 * Sets the password from an emailed token (reset or invitation). The token works
 * once; every session of the account ends, since whoever held one may not be its owner.
 */
export async function setPasswordWithToken(deps: Deps, token: string, password: string): Promise<AuthUser> {
  const live = await peekPasswordToken(deps, token);
  if (!live) throw new ValidationError('token', 'this link has expired or was already used');
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now().toISOString();
  const used = await deps.dialect.writeTransaction(deps.db, async (db) => {
    if (!(await markPasswordTokenUsed(db, live.id, now))) return false;
    await updateUserRow(db, live.user_id, { password_hash: passwordHash });
    return true;
  });
  if (!used) throw new ValidationError('token', 'this link has expired or was already used');
  await destroyUserSessions(deps, live.user_id);
  const user = await findUserById(deps.db, live.user_id);
  if (!user) throw new NotFoundError('account');
  return user;
}

/** An editor or admin invites someone: the account is created without a password and a link to choose one is emailed. */
export async function inviteUser(deps: Deps, actor: AuthUser | null, input: Invitation): Promise<AuthUser> {
  assertAccount(actor, 'user:invite', { role: input.role });
  if (await findUserByEmail(deps.db, input.email)) throw new ConflictError(`an account already uses ${input.email}`, 'email');
  const now = deps.clock.now().toISOString();
  let id: number;
  try {
    id = await insertUser(deps.db, { email: input.email, name: input.name, role: input.role, passwordHash: null, createdAt: now });
  } catch (err) {
    // Two invitations of one address at once both pass the check above; the unique index refuses the second.
    if (deps.dialect.classifyError(err) === 'unique') throw new ConflictError(`an account already uses ${input.email}`, 'email');
    throw err;
  }
  const token = await issuePasswordToken(deps, id, 'invite');
  const locale = deps.config.locale;
  await deps.mailer.send({
    to: input.email.toLowerCase(),
    subject: t(locale, 'account.mail.invite_subject', { inviter: actor.name }),
    text: t(locale, 'account.mail.invite_text', { name: input.name, inviter: actor.name, role: input.role, link: passwordLink(deps, token), days: TOKEN_TTL_MS.invite / 86_400_000 }),
  });
  return { id, email: input.email.toLowerCase(), name: input.name, role: input.role };
}

/**
 * An admin changes an account's role, name or suspension. A role change or a
 * suspension ends every session of the account at once.
 */
export async function updateUser(deps: Deps, actor: AuthUser | null, id: number, patch: UserPatch): Promise<AuthUser> {
  assertAccount(actor, 'user:update');
  const target = await findUserById(deps.db, id);
  if (!target) throw new NotFoundError('account');
  if (target.id === actor.id && ((patch.role !== undefined && patch.role !== target.role) || patch.disabled === true))
    throw new ForbiddenError('you may not change your own role or suspend yourself');
  const v: Parameters<typeof updateUserRow>[2] = {};
  if (patch.name !== undefined) v.name = patch.name;
  if (patch.role !== undefined) v.role = patch.role;
  if (patch.disabled !== undefined) v.disabled_at = patch.disabled ? deps.clock.now().toISOString() : null;
  await updateUserRow(deps.db, id, v);
  if ((patch.role !== undefined && patch.role !== target.role) || patch.disabled === true) await destroyUserSessions(deps, id);
  return { ...target, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.role !== undefined ? { role: patch.role } : {}) };
}

/** The user's choice of language for the newsroom's pages. */
export async function setUserLocale(deps: Deps, user: AuthUser, locale: 'fr' | 'en'): Promise<void> {
  await updateUserRow(deps.db, user.id, { locale });
}

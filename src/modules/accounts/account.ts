import { z } from 'zod';
import { ROLES, type Role } from './account.tables';

export { ROLES, type Role };

/** The signed-in account as the rest of the application sees it. */
export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The language the user chose for the newsroom's pages (null or absent: the site's). */
  locale?: 'fr' | 'en' | null;
}

export const userInputSchema = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(10, 'at least 10 characters').max(1000).optional(),
});
export type UserInput = z.infer<typeof userInputSchema>;

/** Roles that work in the newsroom (their comments skip moderation). */
export function isStaff(role: Role): boolean {
  return role !== 'reader';
}

/** Roles an editor may give when inviting; admins may give any. */
export const EDITOR_INVITABLE_ROLES: readonly Role[] = ['editor', 'author', 'moderator', 'reader'];

export const invitationSchema = z
  .object({
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
  })
  .strict();
export type Invitation = z.infer<typeof invitationSchema>;

/** What an admin may change on an account. */
export const userPatchSchema = z
  .object({
    role: z.enum(ROLES),
    disabled: z.boolean(),
    name: z.string().trim().min(1).max(200),
  })
  .partial()
  .strict();
export type UserPatch = z.infer<typeof userPatchSchema>;

/** Path of the routes about one account or one token. */
export const accountIdParams = z.object({ id: z.coerce.number().int().positive() });
/** Body of POST /api/v1/tokens. */
export const tokenSchema = z.object({ label: z.string().trim().min(1).max(100) }).strict();

/** A new password as typed: long enough, not absurdly long (argon2 cost is per byte only in memory, but bodies are bounded). */
export const newPasswordSchema = z.string().min(10, 'at least 10 characters').max(1000);

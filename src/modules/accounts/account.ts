import { z } from 'zod';
import { ROLES, type Role } from './account.tables';

export { ROLES, type Role };

/** The signed-in account as the rest of the application sees it. */
export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
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

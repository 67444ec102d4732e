import { z } from 'zod';
import { ERASE_MODES } from '../comments/comment';

// The schemas of the privacy routes, exported for the OpenAPI document.

/** The erasure form: what becomes of the comments, and the confirmation. */
export const eraseFormSchema = z.object({ mode: z.enum(ERASE_MODES), confirm: z.literal('1'), _csrf: z.string().max(200).optional() });

/** A guest asks for a link to their data. */
export const guestFormSchema = z.object({ email: z.email().max(320) });

/** `:token` of /privacy/guest/:token. */
export const guestTokenParams = z.object({ token: z.string().min(10).max(1000) });

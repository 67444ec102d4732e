import { z } from 'zod';

/** Query of GET /notifications/unsubscribe (exported for the OpenAPI document). */
export const unsubscribeQuerySchema = z.object({ token: z.string().max(200).default('') });

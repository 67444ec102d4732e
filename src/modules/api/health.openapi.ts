import { z } from 'zod';
import { json, type ApiPaths } from '../../infra/openapi';

/** GET /api/v1/health (registered in app.ts) and this document. */
export const healthPaths: ApiPaths = {
  '/api/v1/health': {
    get: {
      tags: ['health'],
      summary: 'Whether the site and its database answer',
      responses: { '200': json('Up', z.object({ status: z.literal('ok'), engine: z.enum(['sqlite', 'postgres']), version: z.string() })) },
    },
  },
  '/api/v1/openapi.json': {
    get: { tags: ['health'], summary: 'This document (OpenAPI 3.1)', responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } } },
  },
};

import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { parseInput } from '../../web/validate';
import { commentIdParams } from './comment';
import { setPick } from './comment.picks';

/** POST/DELETE /api/v1/comments/:id/pick: the newsroom's picks. */
export function registerPickRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/v1/comments/:id/pick', async (request) => {
    const { id } = parseInput(commentIdParams, request.params, request.locale);
    return setPick(deps, request.user, id, true);
  });
  app.delete('/api/v1/comments/:id/pick', async (request) => {
    const { id } = parseInput(commentIdParams, request.params, request.locale);
    return setPick(deps, request.user, id, false);
  });
}

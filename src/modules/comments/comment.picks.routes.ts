import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { parseInput } from '../../web/validate';
import { commentIdParams } from './comment';
import { setPick } from './comment.picks';
import { registerPickPages } from './comment.picks.pages';

/** POST/DELETE /api/v1/comments/:id/pick: the newsroom's picks; their newsroom page (comment.picks.pages.tsx). */
export function registerPickRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/v1/comments/:id/pick', async (request) => {
    const { id } = parseInput(commentIdParams, request.params, request.locale);
    const { picked } = await setPick(deps, request.user, id, true);
    return { id, picked };
  });
  app.delete('/api/v1/comments/:id/pick', async (request) => {
    const { id } = parseInput(commentIdParams, request.params, request.locale);
    const { picked } = await setPick(deps, request.user, id, false);
    return { id, picked };
  });
  registerPickPages(app, deps);
}

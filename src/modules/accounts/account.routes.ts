import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';
import { parseInput } from '../../web/validate';
import { accountIdParams as idParams, invitationSchema, tokenSchema, userPatchSchema } from './account';
import { assertAccount } from './account.policy';
import { inviteUser, updateUser } from './auth.service';
import { createOwnToken, listOwnTokens, revokeToken } from './token.service';
import { listUsers } from './user.repository';

/** Accounts JSON API: the list of accounts, invitations, role changes, API tokens. */
export function registerAccountRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/users', async (request) => {
    assertAccount(request.user, 'user:list');
    const rows = await listUsers(deps.db);
    return {
      users: rows.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.created_at, disabled: u.disabled_at !== null, invited: !u.has_password })),
    };
  });

  app.post('/api/v1/invitations', async (request, reply) => {
    const input = parseInput(invitationSchema, request.body, request.locale);
    const user = await inviteUser(deps, request.user, input);
    return reply.code(201).send(user);
  });

  app.patch('/api/v1/users/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const patch = parseInput(userPatchSchema, request.body, request.locale);
    return updateUser(deps, request.user, id, patch);
  });

  app.get('/api/v1/tokens', async (request) => ({ tokens: await listOwnTokens(deps, request.user) }));

  app.post('/api/v1/tokens', async (request, reply) => {
    const { label } = parseInput(tokenSchema, request.body, request.locale);
    return reply.code(201).send(await createOwnToken(deps, request.user, label));
  });

  app.delete('/api/v1/tokens/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    await revokeToken(deps, request.user, id);
    return reply.code(204).send();
  });
}

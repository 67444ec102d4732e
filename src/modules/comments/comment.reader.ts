import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { hashIp } from '../../web/security';

/** Who reports (or likes): the account, else the (hashed) address; one report (like) each per comment. */
export function readerKey(deps: Deps, request: FastifyRequest): string {
  return request.user ? `user:${request.user.id}` : `address:${hashIp(deps.secret, request.ip)}`;
}

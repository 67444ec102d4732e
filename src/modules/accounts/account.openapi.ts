import { z } from 'zod';
import { AUTHENTICATED, errors, json, jsonBody, NO_CONTENT, type ApiPaths } from '../../infra/openapi';
import { accountIdParams, invitationSchema, ROLES, tokenSchema, userPatchSchema, type AuthUser } from './account';
import type { TokenView } from './token.service';

const userOut = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: z.enum(['fr', 'en']).nullable().optional(),
});
const userListed = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  disabled: z.boolean(),
  invited: z.boolean().meta({ description: 'Has not chosen a password yet' }),
});
const tokenOut = z.object({ id: z.number().int(), label: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

type Assignable<T extends U, U> = T;
export type UserDocumented = Assignable<AuthUser, z.infer<typeof userOut>>;
export type TokenDocumented = Assignable<TokenView, z.infer<typeof tokenOut>>;

const tags = ['accounts'];
const security = AUTHENTICATED;

/** Accounts, invitations and API tokens. */
export const accountPaths: ApiPaths = {
  '/api/v1/users': {
    get: { tags, security, summary: 'Every account', responses: { '200': json('Accounts', z.object({ users: z.array(userListed) })), ...errors([401, 403]) } },
  },
  '/api/v1/users/{id}': {
    patch: {
      tags,
      security,
      summary: 'Change an account’s role, name or disabled flag',
      requestParams: { path: accountIdParams },
      requestBody: jsonBody(userPatchSchema),
      responses: { '200': json('The account', userOut), ...errors([400, 401, 403, 404]) },
    },
  },
  '/api/v1/invitations': {
    post: {
      tags,
      security,
      summary: 'Invite someone: the account is created and an email lets them choose a password',
      requestBody: jsonBody(invitationSchema),
      responses: { '201': json('The account', userOut), ...errors([400, 401, 403, 409]) },
    },
  },
  '/api/v1/tokens': {
    get: { tags, security, summary: 'The caller’s own API tokens', responses: { '200': json('Tokens', z.object({ tokens: z.array(tokenOut) })), ...errors([401]) } },
    post: {
      tags,
      security,
      summary: 'Create an API token for the caller (the secret is shown once)',
      requestBody: jsonBody(tokenSchema),
      responses: { '201': json('The token and its secret', tokenOut.extend({ token: z.string() })), ...errors([400, 401]) },
    },
  },
  '/api/v1/tokens/{id}': {
    delete: { tags, security, summary: 'Revoke a token', requestParams: { path: accountIdParams }, responses: { '204': NO_CONTENT, ...errors([400, 401, 404]) } },
  },
};

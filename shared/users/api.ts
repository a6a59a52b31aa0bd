import { z } from 'zod';
import { ROLES, type PublicUser } from '../domain/records';

/**
 * The account routes (docs/API.md) as the console's accounts view uses them:
 * GET /api/users, POST /api/users, PATCH /api/users/:id, POST /api/users/:id/password. One request type for both ways to the
 * server (the web page's own fetch, the desktop main process over `users:request`), so the
 * two cannot map a request differently.
 */

const tier = z.union([z.literal(1), z.literal(2), z.literal(3)]);

// The server owns the rules (username pattern, password length) and words its refusals; these
// schemas check only the shape and bound the sizes, so its 400 reaches the form as it was written.
const newAccountSchema = z.strictObject({
  username: z.string().max(256),
  password: z.string().max(1024),
  displayName: z.string().max(1024),
  role: z.enum(ROLES),
  tier: tier.nullable().optional(),
});

const accountChangeSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  tier: tier.nullable().optional(),
  active: z.boolean().optional(),
  displayName: z.string().max(1024).optional(),
});

// Only the new password: the server checks its length and words the refusal.
const passwordSetSchema = z.strictObject({ password: z.string().max(1024) });

// Goes into the path: no slash, dot or percent can turn it into another route.
const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a user id');

export const usersRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('list') }),
  z.strictObject({ action: z.literal('create'), body: newAccountSchema }),
  z.strictObject({ action: z.literal('update'), id: userId, body: accountChangeSchema }),
  z.strictObject({ action: z.literal('setPassword'), id: userId, body: passwordSetSchema }),
]);

export type UsersRequest = z.infer<typeof usersRequestSchema>;
export type NewAccount = z.infer<typeof newAccountSchema>;
export type AccountChange = z.infer<typeof accountChangeSchema>;
export type PasswordSet = z.infer<typeof passwordSetSchema>;

export type UsersListResponse = { users: PublicUser[] };
export type UserResponse = { user: PublicUser };

/** The HTTP request for an account request; the path is relative to the server's origin. */
export const usersHttpRequest = (request: UsersRequest): { method: 'GET' | 'POST' | 'PATCH'; path: string; body: string | null } => {
  switch (request.action) {
    case 'list':
      return { method: 'GET', path: '/api/users', body: null };
    case 'create':
      return { method: 'POST', path: '/api/users', body: JSON.stringify(request.body) };
    case 'update':
      return { method: 'PATCH', path: `/api/users/${encodeURIComponent(request.id)}`, body: JSON.stringify(request.body) };
    case 'setPassword':
      return { method: 'POST', path: `/api/users/${encodeURIComponent(request.id)}/password`, body: JSON.stringify(request.body) };
  }
};

/** The server's answer as it came, or `unreachable` when it could not be asked. */
export type UsersAnswer = { kind: 'answered'; status: number; body: string } | { kind: 'unreachable' };

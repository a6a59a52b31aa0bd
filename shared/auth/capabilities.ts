import { ROLES, type Role } from '../domain/records';

/**
 * What a role may do beyond working tickets, named `domain:verb`: the one table of it. The server's
 * routes take their access from it (`access: rolesWith('stats:read')` in server/routes/*.ts, published
 * in the OpenAPI document as `x-meja-access`), tests/server/access.test.ts walks every route by role
 * against it, and the console reads it to leave out what a role cannot use, rather than show it
 * greyed out. The rules of the changes a capability covers check it too (`reply:save` and `reply:delete`
 * in shared/domain/mutators.ts, on the server and in every console).
 */
export const CAPABILITIES = ['stats:read', 'users:read', 'users:manage', 'audit:read', 'import:run', 'replies:manage'] as const;
export type Capability = (typeof CAPABILITIES)[number];

const TABLE: Readonly<Record<Role, readonly Capability[]>> = {
  technician: [],
  // The staff list, for the statistics' technician filter and names.
  supervisor: ['stats:read', 'users:read', 'replies:manage'],
  admin: ['stats:read', 'users:read', 'users:manage', 'audit:read', 'import:run', 'replies:manage'],
};

/** Whether `role` may do `capability`. */
export const can = (role: Role, capability: Capability): boolean => TABLE[role].includes(capability);

/** The roles that may do `capability`, in the order of ROLES: a route's access rule. */
export const rolesWith = (capability: Capability): readonly Role[] => ROLES.filter((role) => can(role, capability));

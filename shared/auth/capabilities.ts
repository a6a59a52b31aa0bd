import type { Role } from '../domain/records';

/**
 * What a role may do beyond working tickets, named `domain:verb`. The server's routes enforce it
 * (`config.access` in server/routes/stats.ts and users.ts), and so do the rules of the changes it
 * covers (`reply:save` and `reply:delete` in shared/domain/mutators.ts, on the server and in every
 * console); the console reads the same table to leave out what a role cannot use, rather than show
 * it greyed out.
 */
export type Capability = 'stats:read' | 'users:manage' | 'replies:manage';

const CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  technician: [],
  supervisor: ['stats:read', 'replies:manage'],
  admin: ['stats:read', 'users:manage', 'replies:manage'],
};

/** Whether `role` may do `capability`. */
export const can = (role: Role, capability: Capability): boolean => CAPABILITIES[role].includes(capability);

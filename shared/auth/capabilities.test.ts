import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/records';
import { CAPABILITIES, can, rolesWith } from './capabilities';

describe('capabilities', () => {
  it('gives statistics, the staff list and canned replies to supervisors and admins, accounts, audit and import to admins only, technicians none', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, CAPABILITIES.filter((capability) => can(role, capability))]));
    expect(table).toEqual({
      technician: [],
      supervisor: ['stats:read', 'users:read', 'replies:manage'],
      admin: ['stats:read', 'users:read', 'users:manage', 'audit:read', 'import:run', 'replies:manage'],
    });
  });

  it('lists the roles of a capability as can() decides them', () => {
    expect(rolesWith('stats:read')).toEqual(['supervisor', 'admin']);
    expect(rolesWith('users:manage')).toEqual(['admin']);
    for (const capability of CAPABILITIES) expect(rolesWith(capability)).toEqual(ROLES.filter((role) => can(role, capability)));
  });
});

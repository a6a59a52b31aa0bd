import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/records';
import { can } from './capabilities';

describe('can', () => {
  it('gives statistics to supervisors and admins, accounts to admins only, and technicians neither', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, { stats: can(role, 'stats:read'), users: can(role, 'users:manage') }]));
    expect(table).toEqual({
      technician: { stats: false, users: false },
      supervisor: { stats: true, users: false },
      admin: { stats: true, users: true },
    });
  });
});

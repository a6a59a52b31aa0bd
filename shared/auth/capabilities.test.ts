import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/records';
import { can } from './capabilities';

describe('can', () => {
  it('gives statistics and canned replies to supervisors and admins, accounts to admins only, and technicians none', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, { stats: can(role, 'stats:read'), users: can(role, 'users:manage'), replies: can(role, 'replies:manage') }]),
    );
    expect(table).toEqual({
      technician: { stats: false, users: false, replies: false },
      supervisor: { stats: true, users: false, replies: true },
      admin: { stats: true, users: true, replies: true },
    });
  });
});

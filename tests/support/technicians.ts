import { call } from './http';

/** Creates tier 1 technicians through the admin API of a running server, each with the same password; throws with the server's answer on a refusal. */
export const createTechnicians = async (url: string, adminToken: string, usernames: readonly string[], password: string): Promise<void> => {
  for (const username of usernames) {
    const created = await call(url, 'POST', '/api/users', adminToken, { username, password, displayName: username, role: 'technician', tier: 1 });
    if (created.status !== 201) throw new Error(`create user ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  }
};

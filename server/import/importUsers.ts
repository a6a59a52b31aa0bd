import { createHash } from 'node:crypto';
import type { PublicUser } from '../../shared/domain/records';
import { toPublicUser } from '../auth/users';
import type { DatabaseKind } from '../config';
import { recordChanges } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Schema } from '../db/schema';
import { stableId, type ImportFormat } from './draft';

const PREFIX: Readonly<Record<ImportFormat, string>> = { 'servicenow-events': 'uci', 'helpdesk-events': 'helpdesk', csv: 'csv' };
const LABEL: Readonly<Record<ImportFormat, string>> = { 'servicenow-events': 'ServiceNow import', 'helpdesk-events': 'Helpdesk import', csv: 'CSV import' };

/**
 * A scrypt hash whose key is one byte long: verifyPassword derives the usual 32-byte key (so a
 * sign-in attempt costs the same time as for anyone else) and then finds the lengths differ, so
 * no password can ever match.
 */
export const noLoginHash = (userId: string): string =>
  `scrypt$32768$8$1$${createHash('sha256').update(`salt\n${userId}`).digest().subarray(0, 16).toString('base64')}$AA==`;

export const technicianIdOf = (format: ImportFormat, name: string): string => stableId('user', format, name);
export const importActorIdOf = (format: ImportFormat): string => stableId('user', format, '(import)');

const hash8 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

const usernameFor = (prefix: string, name: string): string => {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 31 - prefix.length);
  return slug === '' ? `${prefix}.${hash8(name)}` : `${prefix}.${slug}`;
};

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/**
 * Makes sure the import's actor (who the timeline says did the importing; inactive) and every
 * technician named in the file have accounts. Existing accounts are left as they are (an admin
 * may have renamed or deactivated one); new ones are published to the consoles.
 */
export const ensureImportUsers = async (
  db: Db,
  kind: DatabaseKind,
  format: ImportFormat,
  technicianNames: readonly string[],
  now: number,
): Promise<{ created: number; total: number }> => {
  const prefix = PREFIX[format];
  const wanted: Array<Schema['users']> = [
    {
      id: importActorIdOf(format),
      username: `import.${prefix}`,
      display_name: LABEL[format],
      role: 'supervisor',
      tier: null,
      active: 0,
      password_hash: '',
      created_at: now,
      updated_at: now,
    },
    ...technicianNames.map((name) => ({
      id: technicianIdOf(format, name),
      username: usernameFor(prefix, name),
      display_name: name.slice(0, 200),
      role: 'technician',
      tier: 1,
      active: 1,
      password_hash: '',
      created_at: now,
      updated_at: now,
    })),
  ].map((row) => ({ ...row, password_hash: noLoginHash(row.id) }));
  let created = 0;
  for (const part of chunk(wanted, 300)) {
    await db.transaction().execute(async (trx) => {
      const existing = new Set(
        (
          await trx
            .selectFrom('users')
            .select('id')
            .where(
              'id',
              'in',
              part.map((u) => u.id),
            )
            .execute()
        ).map((r) => r.id),
      );
      const missing = part.filter((u) => !existing.has(u.id));
      if (missing.length === 0) return;
      const taken = new Set(
        (
          await trx
            .selectFrom('users')
            .select('username')
            .where(
              'username',
              'in',
              missing.map((u) => u.username),
            )
            .execute()
        ).map((r) => r.username),
      );
      const rows = missing.map((u) => {
        // Two names with the same slug, or a person who already has that username: the name's hash decides.
        if (!taken.has(u.username)) {
          taken.add(u.username);
          return u;
        }
        return { ...u, username: `${prefix}.${hash8(u.display_name)}` };
      });
      await trx.insertInto('users').values(rows).execute();
      const published: PublicUser[] = rows.map(toPublicUser);
      await recordChanges(
        trx,
        kind,
        published.map((user) => ({ entity: 'user', id: user.id, data: user })),
      );
      created += rows.length;
    });
  }
  return { created, total: technicianNames.length };
};

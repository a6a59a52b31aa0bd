import type { PublicUser } from '../../shared/domain/records';
import { TIERS } from '../../shared/domain/ticket';
import type { Schema } from '../../server/db/schema';
import { CHOSEN_USERNAME, type DeskShape } from './deskShape';
import { staffSerial, uuidFrom, type Random } from './random';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary';

/** The desk's technicians by tier; the chosen technician (whose working set is measured) is `tiers[0][0]`. */
export type Staff = {
  users: PublicUser[];
  tiers: readonly [readonly string[], readonly string[], readonly string[]];
  chosen: PublicUser;
};

const CHOSEN_NAME = 'Rina Wulandari';

export const makeStaff = (shape: DeskShape, random: Random): Staff => {
  const users: PublicUser[] = [];
  const tiers: [string[], string[], string[]] = [[], [], []];
  shape.technicians.forEach((count, index) => {
    const tier = TIERS[index] ?? 1;
    for (let n = 0; n < count; n += 1) {
      const k = users.length;
      const isChosen = k === 0;
      const first = FIRST_NAMES[k % FIRST_NAMES.length] ?? 'Andi';
      const last = LAST_NAMES[(k * 7) % LAST_NAMES.length] ?? 'Santoso';
      const user: PublicUser = {
        id: uuidFrom(random, staffSerial(k)),
        username: isChosen ? CHOSEN_USERNAME : `${first}.${last}.${k}`.toLowerCase(),
        displayName: isChosen ? CHOSEN_NAME : `${first} ${last}`,
        role: 'technician',
        tier,
        active: true,
      };
      users.push(user);
      tiers[index]?.push(user.id);
    }
  });
  const chosen = users[0];
  if (chosen === undefined) throw new Error('a desk needs technicians');
  return { users, tiers, chosen };
};

/** The users table's rows; only the chosen technician can sign in (the others' hash matches no password). */
export const userRows = (staff: Staff, chosenHash: string, createdAt: number): Array<Schema['users']> =>
  staff.users.map((user) => ({
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    tier: user.tier,
    active: 1,
    password_hash: user.id === staff.chosen.id ? chosenHash : '!',
    created_at: createdAt,
    updated_at: createdAt,
  }));

/** A technician of the tier, some busier than others; `avoid` (the chosen technician, where he must not be involved) is never picked. */
export const pickTechnician = (random: Random, staff: Staff, tier: 1 | 2 | 3, avoid: string | null): string => {
  const pool = staff.tiers[tier - 1] ?? [];
  for (;;) {
    const id = pool[Math.floor(pool.length * random() ** 1.3)];
    if (id !== undefined && id !== avoid) return id;
  }
};

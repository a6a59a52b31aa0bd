import { describe, expect, it } from 'vitest';
import { createAutoClose } from '../../server/track/autoClose';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { plansOf } from '../support/queryPlans';

describe.each(DATABASE_KINDS)('the automatic close on %s', (kind) => {
  const migrated = useMigratedDatabase(kind);

  it('finds the tickets due to close through the status index (only resolved ones), never the whole table', async () => {
    for (const closeOnConfirm of [false, true]) {
      const plans = await plansOf(migrated.database.url, kind, (db) =>
        createAutoClose({
          db,
          // Nothing is due in an empty desk: a change made here would be a fault of the query.
          changes: { apply: () => Promise.reject(new Error('nothing is due')) },
          days: 7,
          closeOnConfirm,
          now: () => Date.parse('2026-12-07T12:00:00Z'),
        }).runOnce(),
      );
      expect(plans).toHaveLength(1);
      expect(plans[0]).toMatch(/tickets_status/);
      expect(plans[0]).not.toMatch(kind === 'sqlite' ? /^SCAN t\b/m : /Seq Scan on tickets/);
    }
  });
});

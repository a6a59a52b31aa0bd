import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUuid } from '../../shared/platform';
import { makeTicket } from '../../tests/support/factories';
import { openMejaDb, type MejaDb } from '../db/database';
import { findTicketIdByCode, openTicketById, openTicketByCode } from './ticketLinks';

let db: MejaDb;
let opened: string[];
const opener = () => ({ findIdByCode: (code: string) => findTicketIdByCode(db, code), open: (id: string) => void opened.push(id) });

beforeEach(async () => {
  db = openMejaDb(`test-${randomUuid()}`);
  opened = [];
  await db.tickets.put(makeTicket({ id: 'ticket-1', code: 'AB12-CD34' }));
});

afterEach(async () => {
  await db.delete();
});

describe('deep links to a ticket', () => {
  it('opens the cached ticket, whatever the case and dashes of the code', async () => {
    expect(await openTicketByCode(opener(), 'ab12cd34')).toBeNull();
    expect(await openTicketByCode(opener(), 'AB12-CD34')).toBeNull();
    expect(opened).toEqual(['ticket-1', 'ticket-1']);
  });

  it('says so when the ticket is not in the cache yet', async () => {
    expect(await openTicketByCode(opener(), 'zz99-zz99')).toEqual({ kind: 'ticketNotCached', code: 'ZZ99-ZZ99' });
    expect(opened).toEqual([]);
  });

  it('refuses a link that is no ticket code', async () => {
    expect(await openTicketByCode(opener(), '../../etc')).toEqual({ kind: 'badTicketLink', code: '../../etc' });
  });

  it('asks to sign in first while signed out', async () => {
    expect(await openTicketByCode(null, 'AB12-CD34')).toEqual({ kind: 'signInFirst' });
    expect(openTicketById(null, 'ticket-1')).toEqual({ kind: 'signInFirst' });
  });

  it('opens the ticket of a clicked notification', () => {
    expect(openTicketById(opener(), 'ticket-1')).toBeNull();
    expect(opened).toEqual(['ticket-1']);
  });
});

import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { MejaDb } from '../db/database';
import type { LinkedTicket } from './ticketLinks';

const NONE: ReadonlyMap<string, LinkedTicket> = new Map();

/** The tickets a panel names (its links, its history's), live from the cache by id; one not synced yet is left out. */
export const useLinkedTickets = (db: MejaDb, ids: readonly string[]): ReadonlyMap<string, LinkedTicket> => {
  // By content, not identity: the ids are worked out again on every render of the panel.
  const key = ids.join('\n');
  const list = useMemo(() => (key === '' ? [] : key.split('\n')), [key]);
  const found = useLiveQuery(() => (list.length === 0 ? [] : db.tickets.bulkGet(list)), [db, list]);
  return useMemo(() => {
    if (found === undefined || found.length === 0) return NONE;
    const linked = new Map<string, LinkedTicket>();
    for (const ticket of found)
      if (ticket !== undefined) linked.set(ticket.id, { id: ticket.id, code: ticket.code, number: ticket.number, title: ticket.title, status: ticket.status });
    return linked;
  }, [found]);
};

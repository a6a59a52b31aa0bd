import { callerHistory, callerTerms, type CallerTicketSource } from '../../shared/domain/callerHistory';
import type { MejaDb } from '../db/database';

/**
 * The caller's earlier tickets from this console's cache, which holds every ticket of the desk.
 * The requester indexes (cache version 6) find the candidates by name or contact, ignoring case;
 * `callerHistory` then keeps those the shared rule accepts (A–Z folding only, as the statistics),
 * newest first. Reads only the caller's own tickets, however large the desk.
 */
export const createCacheCallerSource = (db: MejaDb): CallerTicketSource => ({
  findCallerTickets: async (query) => {
    const terms = callerTerms(query);
    if (terms === null) return [];
    const [byName, byContact] = await Promise.all([
      terms.name === null ? [] : db.tickets.where('requester.name').equalsIgnoreCase(terms.name).toArray(),
      terms.contact === null ? [] : db.tickets.where('requester.contact').equalsIgnoreCase(terms.contact).toArray(),
    ]);
    return callerHistory([...byName, ...byContact], query);
  },
});

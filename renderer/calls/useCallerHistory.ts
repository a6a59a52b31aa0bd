import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { CallerQuery, CallerTicket, CallerTicketSource } from '../../shared/domain/callerHistory';

/** Quiet time after a keystroke before the caller's tickets are looked up: a lookup per word, not per letter. */
export const CALLER_LOOKUP_DELAY_MS = 250;

/**
 * The caller's earlier tickets for what has been typed, looked up once typing pauses. Live: a
 * ticket of theirs that sync brings (or its number) shows while the call goes on. Undefined until
 * the first answer.
 */
export const useCallerHistory = (source: CallerTicketSource, query: CallerQuery): CallerTicket[] | undefined => {
  const { name, contact } = query;
  const [asked, setAsked] = useState<CallerQuery>(query);
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked({ name, contact }), CALLER_LOOKUP_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [name, contact]);
  return useLiveQuery(() => source.findCallerTickets(asked), [source, asked]);
};

import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { CallerQuery, CallerTicketSource } from '../../shared/domain/callerHistory';
import type { Ticket } from '../../shared/domain/ticket';
import { callerServerQuery, mergeCallerHistory, type MergedCallerHistory } from '../../shared/tickets/serverOnly';
import { searchServerTickets, type TicketsTransport } from '../onDemand/ticketsClient';

/** Quiet time after a keystroke before the caller's tickets are looked up: a lookup per word, not per letter. */
export const CALLER_LOOKUP_DELAY_MS = 250;

/** The server's search for the caller, when the console may ask it (online); null to use the cache alone. */
export type CallerServer = { transport: TicketsTransport; canAsk: boolean };

/**
 * The caller's earlier tickets for what has been typed, looked up once typing pauses. Live: a
 * ticket of theirs that sync brings (or its number) shows while the call goes on. Online, the
 * server's search adds the caller's tickets the console does not hold (`serverOnly`), by name; a
 * server that cannot be asked leaves the cache's answer as it is. Undefined until the cache's
 * first answer.
 */
export const useCallerHistory = (source: CallerTicketSource, query: CallerQuery, server: CallerServer | null): MergedCallerHistory | undefined => {
  const { name, contact } = query;
  const [asked, setAsked] = useState<CallerQuery>(query);
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked({ name, contact }), CALLER_LOOKUP_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [name, contact]);
  const local = useLiveQuery(() => source.findCallerTickets(asked), [source, asked]);

  const transport = server?.transport ?? null;
  const canAsk = server?.canAsk === true;
  const serverQuery = canAsk ? callerServerQuery(asked) : null;
  const [found, setFound] = useState<{ query: string; tickets: readonly Ticket[] } | null>(null);
  useEffect(() => {
    if (transport === null || serverQuery === null) return;
    const controller = new AbortController();
    void searchServerTickets(transport, serverQuery, null, controller.signal).then((result) => {
      if (result.ok) setFound({ query: serverQuery, tickets: result.value.tickets });
    });
    // A newer query (or closing the form) drops the request.
    return () => controller.abort();
  }, [transport, serverQuery]);

  return useMemo(
    () => (local === undefined ? undefined : mergeCallerHistory(local, found !== null && found.query === serverQuery ? found.tickets : [], asked)),
    [local, found, serverQuery, asked],
  );
};

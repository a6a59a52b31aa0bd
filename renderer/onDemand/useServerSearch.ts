import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Ticket } from '../../shared/domain/ticket';
import { serverOnlyTickets } from '../../shared/tickets/serverOnly';
import { searchServerTickets, type LookupFailure, type TicketsTransport } from './ticketsClient';

/** Quiet time after a keystroke before the server is asked: one request per pause, not per letter. */
export const SERVER_SEARCH_DELAY_MS = 300;

/**
 * The server's side of a search: `idle` when nothing is asked (no words, or offline), `searching`
 * for the first page, `more` for a further one, `done` once a page came, `failed` with why.
 */
export type ServerSearch = {
  status: 'idle' | 'searching' | 'more' | 'done' | 'failed';
  /** The matching tickets the console does not hold, newest first, over every page so far. */
  rows: readonly Ticket[];
  hasMore: boolean;
  failure: LookupFailure | null;
  loadMore(): void;
};

type Pages = { query: string; pages: ReadonlyArray<readonly Ticket[]>; next: string | null; status: ServerSearch['status']; failure: LookupFailure | null };

const NOTHING_YET: Pages = { query: '', pages: [], next: null, status: 'idle', failure: null };

/**
 * Asks the server's search (`GET /api/tickets?q=`) for what is typed, once typing pauses, while
 * the console is online. A newer query cancels the request of an older one, and an answer to an
 * older query is dropped however it arrives. `isHeld` says which tickets the cache holds; it is
 * read again whenever `heldVersion` changes, so a ticket sync brings in leaves the server's rows.
 */
export const useServerSearch = (
  transport: TicketsTransport,
  search: string,
  isOnline: boolean,
  isHeld: (ticketId: string) => boolean,
  heldVersion: number,
): ServerSearch => {
  const query = search.trim();
  const isAsking = isOnline && query !== '';
  const [state, setState] = useState<Pages>(NOTHING_YET);
  const request = useRef<AbortController | null>(null);
  const cancel = () => {
    request.current?.abort();
    request.current = null;
  };

  const fetchPage = useCallback(
    (forQuery: string, cursor: string | null) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setState((current) =>
        cursor === null ? { query: forQuery, pages: [], next: null, status: 'searching', failure: null } : { ...current, status: 'more', failure: null },
      );
      void searchServerTickets(transport, forQuery, cursor, controller.signal).then((result) => {
        // A newer request replaced this one: its answer is no one's any more.
        if (request.current !== controller) return;
        request.current = null;
        setState((current) => {
          if (current.query !== forQuery) return current;
          if (!result.ok) return result.failure.kind === 'cancelled' ? current : { ...current, status: 'failed', failure: result.failure };
          return { query: forQuery, pages: [...current.pages, result.value.tickets], next: result.value.next, status: 'done', failure: null };
        });
      });
    },
    [transport],
  );

  useEffect(() => {
    // Not asking: what was found stays, unshown, until the next query replaces it.
    if (!isAsking) return;
    const timer = window.setTimeout(() => fetchPage(query, null), SERVER_SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      cancel();
    };
  }, [isAsking, query, fetchPage]);

  const isCurrent = state.query === query && isAsking;
  const rows = useMemo(
    () => (isCurrent ? serverOnlyTickets(state.pages, isHeld) : []),
    // `heldVersion` stands for what the cache holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.pages, isCurrent, isHeld, heldVersion],
  );
  const loadMore = useCallback(() => {
    if (state.next !== null && state.status === 'done') fetchPage(state.query, state.next);
  }, [state.next, state.status, state.query, fetchPage]);

  return {
    status: isCurrent ? state.status : isAsking ? 'searching' : 'idle',
    rows,
    hasMore: isCurrent && state.next !== null,
    failure: isCurrent ? state.failure : null,
    loadMore,
  };
};

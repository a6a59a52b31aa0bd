import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TicketWithTimeline } from '../../shared/tickets/api';
import type { Workspace } from '../sync/workspace';
import { readServerTicket, type LookupFailure, type LookupResult, type TicketsTransport } from './ticketsClient';

/**
 * A ticket the console does not hold, as read from the server for the person who opened it:
 * `fetching` while the read runs, `fetched` with the server's answer (shown at once, read-only,
 * until sync brings the ticket into the cache), `failed` with why.
 */
export type FetchedTicket = { state: 'fetching' } | { state: 'fetched'; answer: TicketWithTimeline } | { state: 'failed'; failure: LookupFailure };

export type OnDemandState = { tickets: ReadonlyMap<string, FetchedTicket> };

export type OnDemandTickets = {
  store: StoreApi<OnDemandState>;
  /**
   * Reads the ticket with this id from the server and keeps the answer for the ticket panel.
   * Reading it records the opening on the server, so the sync it then asks for catches the
   * ticket up into the cache (docs/ARCHITECTURE.md, "Scoped sync"). A read already under way
   * for the id is not started twice.
   */
  open(ticketId: string): Promise<void>;
  /**
   * Reads a ticket by a reference (code or number) the cache could not resolve; on success it is
   * kept like `open`'s answer and sync is asked for.
   */
  find(ref: string): Promise<LookupResult<TicketWithTimeline>>;
  /**
   * Drops what was read of a ticket once the cache holds it: should it leave the cache later (its
   * opening aged out), opening it reads it afresh, and the server records that opening.
   */
  forget(ticketId: string): void;
};

const put = (store: StoreApi<OnDemandState>, ticketId: string, entry: FetchedTicket) =>
  store.setState(({ tickets }) => ({ tickets: new Map(tickets).set(ticketId, entry) }));

const create = (workspace: Workspace, transport: () => TicketsTransport): OnDemandTickets => {
  const store = createStore<OnDemandState>()(() => ({ tickets: new Map() }));
  const fetched = (answer: TicketWithTimeline) => {
    put(store, answer.ticket.id, { state: 'fetched', answer });
    // The opening is on the server now: the next pull carries it and brings the ticket whole.
    void workspace.engine.syncNow();
  };
  return {
    store,
    open: async (ticketId) => {
      if (store.getState().tickets.get(ticketId)?.state === 'fetching') return;
      put(store, ticketId, { state: 'fetching' });
      const result = await readServerTicket(transport(), ticketId);
      if (result.ok) fetched(result.value);
      else put(store, ticketId, { state: 'failed', failure: result.failure });
    },
    find: async (ref) => {
      const result = await readServerTicket(transport(), ref);
      if (result.ok) fetched(result.value);
      return result;
    },
    forget: (ticketId) => {
      const { tickets } = store.getState();
      // A read under way is left to finish: it was asked for after the cache last lacked the ticket.
      if (tickets.get(ticketId)?.state !== 'fetched') return;
      const rest = new Map(tickets);
      rest.delete(ticketId);
      store.setState({ tickets: rest });
    },
  };
};

// One per workspace, so what one user read is never shown to the next one signed in on this page.
const byWorkspace = new WeakMap<Workspace, OnDemandTickets>();

/** The signed-in workspace's tickets read on demand; `transport` is asked for on first use. */
export const onDemandTickets = (workspace: Workspace, transport: () => TicketsTransport): OnDemandTickets => {
  let found = byWorkspace.get(workspace);
  if (found === undefined) {
    found = create(workspace, transport);
    byWorkspace.set(workspace, found);
  }
  return found;
};

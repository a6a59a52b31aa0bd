import { useEffect, useState } from 'react';
import type { MejaBridge, MenuCommand } from '../../shared/ipc/contract';
import { useAppStore } from '../app/store';
import type { AppState } from '../app/storeTypes';
import { commandContext, findCommand } from '../commands/commands';
import { createLogger } from '../logger';
import { onDemandTickets } from '../onDemand/onDemandTickets';
import { ticketsTransport } from '../onDemand/ticketsTransport';
import { canAskServer } from '../onDemand/useOnDemand';
import { findTicketIdByCode, openTicketByCode, openTicketById, type DesktopNotice, type TicketOpener } from './ticketLinks';

const log = createLogger('desktop');

const openerOf = (state: AppState): TicketOpener => {
  if (state.session.status !== 'signed-in') return null;
  const { workspace } = state.session;
  return {
    findIdByCode: (code) => findTicketIdByCode(workspace.db, code),
    canAskServer: () => canAskServer(state.syncStatus.state),
    findOnServer: (code) => onDemandTickets(workspace, ticketsTransport).find(code),
    open: (ticketId) => {
      // A dialog over the queue would hide the ticket asked for.
      state.setRejectedOpen(false);
      state.selectTicket(ticketId);
    },
  };
};

/** The application menu's items run the very commands the keyboard and the palette run, when they may. */
const runMenuCommand = (state: AppState, id: MenuCommand): void => {
  const command = findCommand(id);
  const context = commandContext(state);
  if (command.isEnabled(context)) command.run(context);
};

/**
 * Follows what the desktop shell sends while mounted: deep links and notification clicks open
 * their ticket, menu items run their command. Returns what to tell the technician when a ticket
 * could not be opened.
 */
export const useDesktopEvents = (bridge: MejaBridge): { notice: DesktopNotice | null; dismiss(): void } => {
  const store = useAppStore();
  const [notice, setNotice] = useState<DesktopNotice | null>(null);
  useEffect(() => {
    // A link followed while signed out opens once the technician has signed in.
    let waitingCode: string | null = null;
    const follow = (code: string) => {
      openTicketByCode(openerOf(store.getState()), code)
        .then((outcome) => {
          waitingCode = outcome?.kind === 'signInFirst' ? code : null;
          setNotice(outcome);
        })
        .catch((error: unknown) => log.error(`could not open the link to ${code}`, error));
    };
    const unsubscribers = [
      bridge.on('deepLink:openTicket', ({ code }) => follow(code)),
      store.subscribe((state, previous) => {
        if (waitingCode !== null && state.session.status === 'signed-in' && previous.session.status !== 'signed-in') follow(waitingCode);
      }),
      bridge.on('notification:clicked', ({ ticketId }) => setNotice(openTicketById(openerOf(store.getState()), ticketId))),
      bridge.on('menu:command', ({ command }) => runMenuCommand(store.getState(), command)),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [bridge, store]);
  return { notice, dismiss: () => setNotice(null) };
};

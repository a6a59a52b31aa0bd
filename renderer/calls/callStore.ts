import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { attachTicket, callLogFor, parseStoredCall, startCall, type ActiveCall, type CallTicket } from './callSession';
import type { MutationArgsMap } from '../../shared/domain/mutationArgs';

const STORAGE_KEY = 'meja.call';

type CallState = { call: ActiveCall | null };

/**
 * The call in progress, apart from the app store. It is kept in this tab's sessionStorage so a
 * reload mid-call neither loses the timer nor the ticket's code; a new tab starts with no call.
 */
export const callStore = createStore<CallState>()(() => ({ call: null }));

callStore.subscribe(({ call }) => {
  if (call === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(call));
});

export const answerCall = (userId: string, now = new Date()): void => callStore.setState({ call: startCall(userId, now) });

export const attachCallTicket = (ticket: CallTicket): void => {
  const { call } = callStore.getState();
  if (call !== null) callStore.setState({ call: attachTicket(call, ticket) });
};

/** Ends the call; returns the change that logs it, if it made a ticket. */
export const hangUp = (now = new Date()): MutationArgsMap['call:log'] | null => {
  const { call } = callStore.getState();
  if (call === null) return null;
  callStore.setState({ call: null });
  return callLogFor(call, now);
};

/** Picks up this user's call from before a reload, if there was one; true when there was. */
export const resumeCall = (userId: string): boolean => {
  const call = callStore.getState().call ?? parseStoredCall(sessionStorage.getItem(STORAGE_KEY), userId);
  callStore.setState({ call: call?.userId === userId ? call : null });
  return callStore.getState().call !== null;
};

export const useActiveCall = (): ActiveCall | null => useStore(callStore, (state) => state.call);

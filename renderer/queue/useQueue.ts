import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { randomUuid } from '../../shared/platform';
import type { Status } from '../../shared/domain/ticket';
import { useApp } from '../app/store';
import { useAccount, useWorkspace } from '../app/useWorkspace';
import { setQueueTarget } from '../commands/queueTarget';
import { useEscalatedByMe } from '../following/useEscalatedByMe';
import { createLogger } from '../logger';
import { useNow, useUsers } from '../sync/liveData';
import { ticketsTransport } from '../onDemand/ticketsTransport';
import { useCanAskServer, useOnDemandTickets } from '../onDemand/useOnDemand';
import { useServerSearch } from '../onDemand/useServerSearch';
import { QUEUE_SEARCH_ID, type QueueViewProps } from './QueueView';
import type { QueueLine } from './QueueTable';
import { commonTransitions, runBulk } from './bulk';
import { deadlineOf, type QueueEntry } from './queueEntry';
import { answerQueue, makeAssigneeKey, type QueueAnswer } from './queueQuery';
import { createQueueStore } from './queueState';
import { builtInViews, sameFilter } from './savedViews';
import { compileFilter, usesClock } from './queueFilter';
import { createCreditedBook, readCredited } from './creditedResolvers';
import { EMPTY_SELECTION, moveCursor, selectRange, toggleSelected } from './selection';
import { findTickets, setTicketFinder } from './ticketFinder';
import { isFirstScreenQuery } from './firstScreen';
import { useLiveQueueIndex } from './useLiveQueueIndex';
import { countViews, followCounts, type ViewCounts } from './viewCounts';

const localStorageOrMemory = (): Pick<Storage, 'getItem' | 'setItem'> => {
  try {
    return window.localStorage;
  } catch {
    const data = new Map<string, string>();
    return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
  }
};

const log = createLogger('queue');

const sameTagCounts = (a: ReadonlyArray<{ tag: string; count: number }>, b: ReadonlyArray<{ tag: string; count: number }>): boolean =>
  a.length === b.length && a.every((entry, i) => entry.tag === b[i]?.tag && entry.count === b[i]?.count);

/** Quiet time before the views are counted again. */
const COUNT_AFTER_QUIET_MS = 300;

/** Everything the queue screen shows and does, from the workspace, the index and the queue store. */
export const useQueue = (): QueueViewProps => {
  const workspace = useWorkspace();
  const { user, db } = workspace;
  const [store] = useState(() => createQueueStore(user.id, localStorageOrMemory(), randomUuid));
  const state = useStore(store);
  // A figure of the statistics opened here: its filter replaces the one shown, once.
  const queueRequest = useApp((app) => app.queueRequest);
  const takeQueueRequest = useApp((app) => app.takeQueueRequest);
  useEffect(() => {
    if (queueRequest === null) return;
    const request = takeQueueRequest();
    if (request !== null) store.getState().setFilter(request);
  }, [queueRequest, takeQueueRequest, store]);
  const openId = useApp((app) => app.selectedTicketId);
  const selectTicket = useApp((app) => app.selectTicket);
  const users = useUsers(db);
  const now = useNow();
  const nowMs = useMemo(() => Date.parse(now), [now]);
  const { index, version, progress } = useLiveQueueIndex(workspace);

  const assigneeKey = useMemo(() => makeAssigneeKey((id) => users.get(id)?.displayName), [users]);
  // Who is credited with each resolution, read from the timelines a resolver filter needs; a new
  // `creditedOf` after each read makes the queries run again with what was learnt.
  const [book] = useState(createCreditedBook);
  const [creditedVersion, setCreditedVersion] = useState(0);
  const creditedOf = useMemo(
    () => (entry: QueueEntry) => book.creditedOf(entry),
    // `creditedVersion` stands for what the book knows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [book, creditedVersion],
  );
  useEffect(
    () =>
      workspace.ticketChanges.subscribe((change) => {
        if (change.kind === 'all') book.clear();
        else book.forget([...change.written.keys(), ...change.timelines]);
      }),
    [workspace, book],
  );
  // Only SLA and "done within" filters move with the clock; others must not re-run every 30 s tick.
  const queryNowMs = usesClock(state.filter) ? nowMs : 0;
  // What I escalated decides what I follow (the Following view).
  const escalatedByMe = useEscalatedByMe(db, user.id);
  const context = useMemo(() => ({ meId: user.id, nowMs: queryNowMs, escalatedByMe, creditedOf }), [user.id, queryNowMs, escalatedByMe, creditedOf]);
  // The entries every other part of a resolver filter keeps, whose timelines are not read yet.
  const uncredited = useMemo(
    () =>
      state.filter.resolvers.length === 0 || progress.isLoading
        ? []
        : book.unknown([...index.values()].filter(compileFilter({ ...state.filter, resolvers: [], search: '' }, context))),
    // `version` stands for the index's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, progress.isLoading, state.filter, context, book],
  );
  useEffect(() => {
    if (uncredited.length === 0) return;
    const mark = book.mark();
    readCredited(db, uncredited)
      .then((answers) => {
        book.record(answers, mark);
        // Also when the filter changed meanwhile: what was read stays true of those entries.
        setCreditedVersion((n) => n + 1);
      })
      .catch((error: unknown) => {
        book.record([], mark);
        log.warn('could not read timelines for the resolver filter', error);
      });
  }, [uncredited, book, db]);
  const [answer, setAnswer] = useState<QueueAnswer | null>(null);
  const latest = useMemo(
    () => answerQueue(answer, index, state.filter, state.sort, context, assigneeKey),
    // `version` stands for the index's contents; `answer` is only a shortcut to the same result.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, state.filter, state.sort, context, assigneeKey],
  );
  if (latest !== answer) setAnswer(latest);
  // While the index fills after a restart it answers only the queue as it opens, and only its first
  // screen exactly (firstScreen.ts); any other query waits for the rest.
  const isFirstScreen = progress.firstScreen !== null;
  const isFirstScreenShown = isFirstScreen && isFirstScreenQuery(state.filter, state.sort);
  const entries = useMemo(
    () => (!isFirstScreen ? latest.rows : isFirstScreenShown ? latest.rows.slice(0, progress.firstScreen ?? 0) : []),
    [latest, isFirstScreen, isFirstScreenShown, progress.firstScreen],
  );

  // Sorts the other columns and adds search words in idle time once loaded, so a click on a
  // header or a search finds its work done (the index holds sorting back while a sync streams pages).
  useEffect(() => {
    if (progress.isLoading) return;
    let handle = 0;
    const step = () => {
      if (index.warmOne(assigneeKey)) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [index, version, progress.isLoading, assigneeKey]);

  // The tier as an admin last set it: "My tier" follows a change without signing in again.
  const { tier } = useAccount();
  const builtIns = useMemo(() => builtInViews(tier), [tier]);
  const allViews = useMemo(() => [...builtIns, ...state.savedViews], [builtIns, state.savedViews]);
  const viewFilters = useMemo(() => allViews.map((view) => view.filter), [allViews]);
  const countContext = useMemo(() => ({ meId: user.id, nowMs, escalatedByMe, creditedOf }), [user.id, nowMs, escalatedByMe, creditedOf]);
  // Counted in idle time: one pass over 100k entries per view must not delay a click or a key;
  // and after a short quiet spell, so a sync patching the index several times a second counts once.
  // A few changes since (an edit) are followed at once instead, without a recount.
  const [counted, setCounted] = useState<ViewCounts | null>(null);
  const followed = useMemo(
    () => (counted === null ? null : followCounts(counted, index, viewFilters, countContext)),
    // `version` stands for the index's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [counted, index, version, viewFilters, countContext],
  );
  useEffect(() => {
    if (progress.isLoading || followed !== null) return;
    let handle = 0;
    const quiet = setTimeout(() => (handle = requestIdleCallback(() => setCounted(countViews(index, viewFilters, countContext)))), COUNT_AFTER_QUIET_MS);
    return () => {
      clearTimeout(quiet);
      cancelIdleCallback(handle);
    };
  }, [index, version, progress.isLoading, followed, viewFilters, countContext]);
  const counts = (followed ?? counted)?.counts;
  const views = useMemo(
    () => allViews.map((view, i) => ({ view, builtIn: builtIns.find((builtIn) => builtIn.id === view.id)?.id ?? null, count: counts?.[i] ?? null })),
    [allViews, builtIns, counts],
  );
  const activeViewId = allViews.find((view) => sameFilter(view.filter, state.filter))?.id ?? null;

  const categories = useMemo(
    () => index.categories(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version],
  );
  const tagsNow = useMemo(
    () => index.tagCounts(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version],
  );
  // The same list while the counts stay the same: the tag chips then skip an edit's render.
  const [tags, setTags] = useState(tagsNow);
  if (tags !== tagsNow && !sameTagCounts(tags, tagsNow)) setTags(tagsNow);
  const staff = useMemo(
    () => [...users.values()].filter((candidate) => candidate.active && candidate.role !== 'admin').sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [users],
  );

  const toLine = useCallback(
    (entry: QueueEntry): QueueLine => ({
      entry,
      assignee: entry.assigneeId === null ? null : (users.get(entry.assigneeId)?.displayName ?? '—'),
      deadline: deadlineOf(entry, nowMs),
    }),
    [users, nowMs],
  );

  // Acting on the selection, else on the cursor row; entries no longer in the cache are skipped.
  const targets = useCallback((): QueueEntry[] => {
    const { selection, cursorId } = store.getState();
    const ids = selection.ids.size > 0 ? [...selection.ids] : cursorId === null ? [] : [cursorId];
    return ids.flatMap((id) => index.get(id) ?? []);
  }, [store, index]);

  const assign = useCallback(
    async (to: 'me' | string | null) => {
      const assigneeId = to === 'me' ? user.id : to;
      store.getState().setOutcome(await runBulk(targets(), (entry) => workspace.run('ticket:assign', { id: entry.id, assigneeId })));
    },
    [store, targets, user.id, workspace],
  );
  const transition = useCallback(
    async (to: Status, resolution: string | null = null) => {
      const chosen = targets();
      if (to === 'resolved' && resolution === null) {
        store.getState().setResolving({ ids: chosen.map((entry) => entry.id), to });
        return;
      }
      store.getState().setResolving(null);
      store.getState().setOutcome(await runBulk(chosen, (entry) => workspace.run('ticket:transition', { id: entry.id, from: entry.status, to, resolution })));
    },
    [store, targets, workspace],
  );

  // The ticket panel's link picker searches the same index (it is mounted whenever a ticket is open).
  useEffect(() => {
    setTicketFinder((request) => findTickets(index, assigneeKey, request));
    return () => setTicketFinder(null);
  }, [index, assigneeKey]);

  const orderedIds = useCallback(() => entries.map((entry) => entry.id), [entries]);
  useEffect(() => {
    setQueueTarget({
      moveCursor: (delta) => store.getState().setCursor(moveCursor(orderedIds(), store.getState().cursorId, delta)),
      openCursor: () => {
        const { cursorId } = store.getState();
        if (cursorId !== null) selectTicket(cursorId);
      },
      toggleCursorSelection: () => {
        const { cursorId, selection } = store.getState();
        if (cursorId !== null) store.getState().setSelection(toggleSelected(selection, cursorId));
      },
      selectAllShown: () => store.getState().setSelection({ ids: new Set(orderedIds()), anchorId: null }),
      focusSearch: () => document.getElementById(QUEUE_SEARCH_ID)?.focus(),
      clear: () => {
        const current = store.getState();
        if (current.selection.ids.size > 0) current.setSelection(EMPTY_SELECTION);
        else if (current.filter.search !== '') current.setSearch('');
        else return false;
        return true;
      },
      hasCursor: () => store.getState().cursorId !== null,
      targetStatuses: () => targets().map((entry) => entry.status),
      assign: (to) => void assign(to),
      transition: (to) => void transition(to),
      showView: (id) => {
        const view = builtIns.find((candidate) => candidate.id === id);
        if (view !== undefined) store.getState().setFilter(view.filter);
      },
    });
    return () => setQueueTarget(null);
  }, [store, orderedIds, selectTicket, targets, assign, transition, builtIns]);

  // The server's search beside the cache's: the tickets of the desk this console does not hold.
  const isOnline = useCanAskServer();
  const isHeld = useCallback((ticketId: string) => index.get(ticketId) !== undefined, [index]);
  const serverSearch = useServerSearch(ticketsTransport(), state.filter.search, isOnline, isHeld, version);
  const onDemand = useOnDemandTickets();

  const selectedStatuses = useMemo(
    () => [...state.selection.ids].flatMap((id) => index.get(id)?.status ?? []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.selection, index, version],
  );

  return {
    entries,
    total: isFirstScreen ? progress.total : index.size(),
    // The count says the queue is loading until every ticket is in, also under the first screen's rows.
    isLoading: (progress.isLoading && index.size() === 0) || isFirstScreen,
    toLine,
    views,
    activeViewId,
    filter: state.filter,
    sort: state.sort,
    categories,
    tags,
    isCrediting: uncredited.length > 0,
    staffNames: users,
    staff,
    selectedIds: state.selection.ids,
    cursorId: state.cursorId,
    openId,
    transitions: commonTransitions(selectedStatuses),
    isResolving: state.resolving !== null,
    outcome: state.outcome,
    onChooseView: (view) => state.setFilter(view.filter),
    onSaveView: state.saveView,
    onDeleteView: state.deleteView,
    onFilterChange: state.setFilter,
    onSort: state.sortBy,
    onOpen: (id) => {
      state.setCursor(id);
      selectTicket(id);
    },
    onToggle: (id, isRange) => state.setSelection(isRange ? selectRange(state.selection, orderedIds(), id) : toggleSelected(state.selection, id)),
    onToggleAll: () => state.setSelection(state.selection.ids.size > 0 ? EMPTY_SELECTION : { ids: new Set(orderedIds()), anchorId: null }),
    onAssign: (to) => void assign(to),
    onTransition: (to) => void transition(to),
    onResolve: (resolution) => void transition('resolved', resolution),
    onCancelResolve: () => state.setResolving(null),
    onClearSelection: () => state.setSelection(EMPTY_SELECTION),
    onDismissOutcome: () => state.setOutcome(null),
    server: {
      hasQuery: state.filter.search.trim() !== '',
      isOnline,
      held: index.size(),
      search: serverSearch,
      onOpen: (ticket) => {
        void onDemand.open(ticket.id);
        selectTicket(ticket.id);
      },
    },
  };
};

import { hashPassword } from '../../server/auth/password';
import { feedRow } from '../../server/db/changeFeed';
import { eventRow, noteRow, sessionRow, ticketRow } from '../../server/db/records';
import { ticketFactsRows } from '../../server/stats/ticketFactsTable';
import { searchHaystack } from '../../shared/domain/ticketSearch';
import { tagsOf } from '../../shared/domain/tags';
import type { RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { DAY_MS } from '../../shared/sync/workingSet';
import { applyLife } from './applyLife';
import { CHOSEN_PASSWORD, firstTicketAfter, type DeskShape } from './deskShape';
import type { BulkRows, DeskWriter } from './deskWriter';
import { createFeedOrder } from './feedOrder';
import { KEEP_OUT, LIVE, lifeOf, MINE, PEOPLE_STREAM, planDesk, type DeskPlan } from './planDesk';
import { pick, ticketRandom, ticketSerial, uuidFrom, type Random } from './random';
import { makeStaff, pickTechnician, userRows, type Staff } from './staff';
import type { Role, TicketLife } from './ticketLife';
import { codeOfTicket, ticketText } from './ticketText';

/*
 * Generates the desk (bench/desk/deskShape.ts) and writes it through a DeskWriter: the plan
 * first (bench/desk/planDesk.ts), then every ticket's life applied with the real rules, a chunk
 * of tickets per transaction, with each table the server reads filled as the push path fills it.
 */

export type TicketRef = { id: string; code: string; number: number };

export type GeneratedDesk = {
  tickets: number;
  events: number;
  notes: number;
  sessions: number;
  mutations: number;
  feedRows: number;
  openings: number;
  users: number;
  plan: Omit<DeskPlan, 'flags' | 'opened'> & { opened: number };
  chosen: { id: string; username: string; password: string };
  /** Old tickets outside the chosen technician's working set, to open by reference. */
  outside: TicketRef[];
  /** An asset tag (`lt-01234`) some of those tickets name: a rare word to search for. */
  assetTag: string;
  /** Seconds: planning, writing the rows, finishing (indexes, counters). */
  seconds: { plan: number; write: number; finish: number };
};

const CHUNK = 5_000;
const OUTSIDE = 69;

type Progress = (line: string) => void;

const peopleOf = (random: Random, staff: Staff, flags: number, life: TicketLife): Record<Role, string> => {
  const avoid = (flags & KEEP_OUT) !== 0 ? staff.chosen.id : null;
  let creator = pickTechnician(random, staff, 1, avoid);
  let first = life.channel === 'phone' ? creator : pickTechnician(random, staff, 1, avoid);
  if ((flags & MINE) !== 0) {
    if (life.channel === 'phone') creator = first = staff.chosen.id;
    else if (random() < 0.5) creator = staff.chosen.id;
    else first = staff.chosen.id;
  }
  return { creator, first, second: pickTechnician(random, staff, 2, null), third: pickTechnician(random, staff, 3, null) };
};

const emptyRows = (): BulkRows => ({
  users: [],
  tickets: [],
  ticket_events: [],
  notes: [],
  remote_sessions: [],
  ticket_tags: [],
  ticket_search: [],
  ticket_facts: [],
  ticket_opens: [],
  applied_mutations: [],
});

/** Old tickets of no one's concern now, evenly over one to three years back: what a technician opens from a search. */
const outsideIndexes = (shape: DeskShape, plan: DeskPlan): Set<number> => {
  const from = firstTicketAfter(shape, shape.now - 3 * 365 * DAY_MS);
  const to = firstTicketAfter(shape, shape.now - 400 * DAY_MS);
  const opened = new Set(plan.opened);
  const chosen = new Set<number>();
  for (let k = 0; k < OUTSIDE && to > from; k += 1) {
    let i = from + Math.floor(((to - from) * (k + 0.5)) / OUTSIDE);
    while (i < to && (plan.flags[i] !== 0 || opened.has(i))) i += 1;
    if (i < to) chosen.add(i);
  }
  return chosen;
};

const elapsed = (since: number): number => (performance.now() - since) / 1000;

export const generateDesk = async (shape: DeskShape, writer: DeskWriter, progress: Progress): Promise<GeneratedDesk> => {
  const started = performance.now();
  const plan = planDesk(shape, (done) => progress(`  planning ${done.toLocaleString('en')} / ${shape.tickets.toLocaleString('en')}`));
  const planned = performance.now();
  progress(
    `  plan: ${plan.live} live, ${plan.recent} ended in the last ${shape.params.recentDays} days, ${plan.mine} his own, ${plan.opened.length} opened (${elapsed(started).toFixed(1)} s)`,
  );
  const random = ticketRandom(shape.seed, -2, 0);
  const staff = makeStaff(shape, random);
  const users = new Map(staff.users.map((user) => [user.id, user]));
  const deskStart = shape.now - shape.spanDays * DAY_MS - DAY_MS;
  await writer.write({
    rows: { users: userRows(staff, await hashPassword(CHOSEN_PASSWORD), deskStart) },
    feed: staff.users.map((user) => feedRow({ entity: 'user', id: user.id, data: user })),
  });
  // Openings by the other technicians, of any ticket: their ids are caught as the tickets are made.
  const otherOpenings = Array.from({ length: shape.otherOpenings }, () => ({
    user: pickTechnician(random, staff, pick(random, [1, 2, 3] as const), staff.chosen.id),
    ticket: Math.floor(random() * shape.tickets),
    at: shape.now - Math.floor(random() * 25 * DAY_MS),
  }));
  const wanted = new Set([...plan.opened, ...otherOpenings.map((o) => o.ticket)]);
  const outside = outsideIndexes(shape, plan);
  const idOf = new Map<number, TicketRef>();
  const order = createFeedOrder();
  const totals = { events: 0, notes: 0, sessions: 0, mutations: 0, feedRows: staff.users.length };
  let reported = 0;
  let assetTag: string | undefined;
  for (let start = 0; start < shape.tickets; start += CHUNK) {
    const rows = emptyRows();
    const facts: { tickets: Ticket[]; events: TicketEvent[]; sessions: RemoteSession[] } = { tickets: [], events: [], sessions: [] };
    let frontier = 0;
    for (let i = start; i < Math.min(shape.tickets, start + CHUNK); i += 1) {
      const flags = plan.flags[i] ?? 0;
      const life = lifeOf(shape, i, (flags & LIVE) !== 0);
      const people = ticketRandom(shape.seed, i, PEOPLE_STREAM);
      const id = uuidFrom(people, ticketSerial(i, 0));
      const text = ticketText(people, shape.requesters);
      const applied = applyLife({ number: i + 1, id, code: codeOfTicket(i), life, text, people: peopleOf(people, staff, flags, life), users }, people);
      const { ticket } = applied;
      if (wanted.has(i) || outside.has(i)) idOf.set(i, { id, code: ticket.code, number: i + 1 });
      if (outside.has(i)) assetTag ??= /lt-\d{5}/.exec(searchHaystack(ticket))?.[0];
      rows.tickets.push(ticketRow(ticket));
      rows.ticket_events.push(...applied.events.map(eventRow));
      rows.notes.push(...applied.notes.map(noteRow));
      rows.remote_sessions.push(...applied.sessions.map(sessionRow));
      rows.ticket_tags.push(...tagsOf(ticket).map((tag) => ({ ticket_id: id, tag })));
      rows.ticket_search.push({ number: i + 1, ticket_id: id, haystack: searchHaystack(ticket) });
      rows.applied_mutations.push(...applied.mutations);
      facts.tickets.push(ticket);
      facts.events.push(...applied.events);
      facts.sessions.push(...applied.sessions);
      order.add(i, applied.records);
      frontier = life.createdAt;
    }
    rows.ticket_facts = ticketFactsRows({ tickets: facts.tickets, events: facts.events, sessions: facts.sessions, users: [] });
    const feed = order.take(frontier);
    await writer.write({ rows, feed });
    totals.events += rows.ticket_events.length;
    totals.notes += rows.notes.length;
    totals.sessions += rows.remote_sessions.length;
    totals.mutations += rows.applied_mutations.length;
    totals.feedRows += feed.length;
    const done = Math.min(shape.tickets, start + CHUNK);
    if (done - reported >= shape.tickets / 50 || done === shape.tickets) {
      reported = done;
      const seconds = elapsed(planned);
      progress(
        `  ${done.toLocaleString('en')} / ${shape.tickets.toLocaleString('en')} tickets (${Math.round((100 * done) / shape.tickets)} %), ${totals.events.toLocaleString('en')} events, ${seconds.toFixed(0)} s, about ${((seconds / done) * (shape.tickets - done)).toFixed(0)} s to go`,
      );
    }
  }
  const rest = order.rest();
  const opens = [
    ...plan.opened.map((ticket) => ({ user: staff.chosen.id, ticket, at: shape.now - Math.floor(random() * 25 * DAY_MS) })),
    ...otherOpenings,
  ].flatMap((opening) => {
    const ref = idOf.get(opening.ticket);
    return ref === undefined ? [] : [{ user_id: opening.user, ticket_id: ref.id, opened_at: opening.at }];
  });
  const openRows = [...new Map(opens.map((row) => [`${row.user_id}/${row.ticket_id}`, row])).values()];
  await writer.write({ rows: { ticket_opens: openRows }, feed: rest });
  totals.feedRows += rest.length;
  const written = performance.now();
  progress(`  rows written in ${elapsed(planned).toFixed(1)} s; building indexes…`);
  await writer.finish(shape.tickets);
  return {
    tickets: shape.tickets,
    ...totals,
    openings: openRows.length,
    users: staff.users.length,
    plan: { live: plan.live, recent: plan.recent, mine: plan.mine, opened: plan.opened.length },
    chosen: { id: staff.chosen.id, username: staff.chosen.username, password: CHOSEN_PASSWORD },
    outside: [...outside].flatMap((i) => idOf.get(i) ?? []),
    assetTag: assetTag ?? 'lt-00000',
    seconds: { plan: (planned - started) / 1000, write: (written - planned) / 1000, finish: elapsed(written) },
  };
};

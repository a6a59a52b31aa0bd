import { DAY_MS } from '../../shared/sync/workingSet';
import { createdAtOf, firstTicketAfter, type DeskShape } from './deskShape';
import { exactSample, pickWeighted, ticketRandom } from './random';
import { planLife, type LiveStatus, type TicketLife } from './ticketLife';

/*
 * The first pass over the desk: from each ticket's times alone (its `time` stream), which tickets
 * are live and which ended lately, so the second pass can involve the chosen technician in just
 * enough others that his working set has the size asked for. Both passes call `lifeOf`, so they
 * agree ticket for ticket.
 */

export const LIVE = 1;
export const RECENT = 2;
/** The chosen technician is involved with it within the year (`mine`). */
export const MINE = 4;
/** The chosen technician must not be involved with it: it would join his working set. */
export const KEEP_OUT = 8;

export const TIME_STREAM = 1;
const STATUS_STREAM = 2;
export const PEOPLE_STREAM = 3;

export type DeskPlan = {
  /** Per ticket index, LIVE | RECENT | MINE | KEEP_OUT bits. */
  flags: Uint8Array;
  live: number;
  recent: number;
  mine: number;
  /** Ticket indexes the chosen technician opened on demand lately (old tickets, outside his set otherwise). */
  opened: number[];
};

const LIVE_STATUSES: ReadonlyArray<readonly [LiveStatus, number]> = [
  ['new', 30],
  ['open', 50],
  ['pending', 20],
];

/** Ticket i's life, the same in both passes. */
export const lifeOf = (shape: DeskShape, i: number, isLive: boolean): TicketLife => {
  const random = ticketRandom(shape.seed, i, TIME_STREAM);
  const createdAt = createdAtOf(shape, i, random());
  const status = isLive ? pickWeighted(ticketRandom(shape.seed, i, STATUS_STREAM), LIVE_STATUSES) : null;
  return planLife(random, createdAt, status, shape.now);
};

export const planDesk = (shape: DeskShape, onProgress: (done: number) => void): DeskPlan => {
  const n = shape.tickets;
  const random = ticketRandom(shape.seed, -1, 0);
  const flags = new Uint8Array(n);
  // Nine in ten live tickets are from the last two weeks; the rest wait (pending, or open at a higher tier) from earlier in the year.
  const lateFrom = firstTicketAfter(shape, shape.now - 14 * DAY_MS);
  const yearFrom = firstTicketAfter(shape, shape.now - 365 * DAY_MS);
  const lateLive = Math.min(n - lateFrom, Math.round(shape.live * 0.9));
  const isLateLive = exactSample(random, lateLive, n - lateFrom);
  const isEarlyLive = exactSample(random, Math.min(lateFrom - yearFrom, shape.live - lateLive), lateFrom - yearFrom);
  const recentFrom = shape.now - shape.params.recentDays * DAY_MS;
  let live = 0;
  let recent = 0;
  for (let i = 0; i < n; i += 1) {
    const isLive = i >= lateFrom ? isLateLive() : i >= yearFrom ? isEarlyLive() : false;
    const life = lifeOf(shape, i, isLive);
    if (isLive) {
      flags[i] = LIVE;
      live += 1;
    } else if ((life.endedAt ?? 0) >= recentFrom) {
      flags[i] = RECENT;
      recent += 1;
    }
    if (i % 50_000 === 0) onProgress(i);
  }
  // Mine: chosen among tickets of the last year (a day's margin) that neither rule brings in already.
  const mineFrom = firstTicketAfter(shape, shape.now - 364 * DAY_MS);
  let eligible = 0;
  for (let i = mineFrom; i < n; i += 1) if (flags[i] === 0) eligible += 1;
  const openedFrom = firstTicketAfter(shape, shape.now - 400 * DAY_MS);
  const opened = new Set<number>();
  while (opened.size < Math.min(shape.opened, openedFrom)) {
    const i = Math.floor(random() * openedFrom);
    if (flags[i] === 0) opened.add(i);
  }
  const mine = Math.max(0, Math.min(eligible, shape.workingSet - live - recent - opened.size));
  const isMine = exactSample(random, mine, eligible);
  for (let i = mineFrom; i < n; i += 1) if (flags[i] === 0 && isMine()) flags[i] = MINE;
  // A ticket that lived into the year (created up to its longest life before it) keeps him out unless chosen.
  const keepOutFrom = firstTicketAfter(shape, shape.now - 396 * DAY_MS);
  for (let i = keepOutFrom; i < n; i += 1) if (flags[i] === 0) flags[i] = KEEP_OUT;
  return { flags, live, recent, mine, opened: [...opened].sort((a, b) => a - b) };
};

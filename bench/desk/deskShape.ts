import { DAY_MS, DEFAULT_WORKING_SET_PARAMS, type WorkingSetParams } from '../../shared/sync/workingSet';

/**
 * The size and proportions of the generated desk: BENCH_DESK_TICKETS tickets (1,000,000 by
 * default) over four years ending at `now`; per million tickets 2,000 live (new, open or pending)
 * and a working set of 25,000 for the chosen technician; 300 technicians at any size.
 */
export type DeskShape = {
  tickets: number;
  /** The end of the history (epoch ms): the newest ticket is a few minutes old. */
  now: number;
  seed: number;
  spanDays: number;
  /** Tickets that are new, open or pending at `now`. */
  live: number;
  /** The chosen technician's working set at `now` (live, recent, his own within a year, opened). */
  workingSet: number;
  /** Old tickets the chosen technician opened on demand lately (part of his working set). */
  opened: number;
  /** Openings by the other technicians (their working sets; they make ticket_opens realistic). */
  otherOpenings: number;
  /** Technicians per tier; the chosen one is the first of tier 1. */
  technicians: readonly [number, number, number];
  requesters: number;
  params: WorkingSetParams;
};

export const CHOSEN_USERNAME = 'rina';
export const CHOSEN_PASSWORD = 'bench-desk-password';

const positiveInteger = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`${name}: a whole number of at least 1000, not ${JSON.stringify(value)}`);
  return n;
};

export const deskShape = (env: NodeJS.ProcessEnv, now: number): DeskShape => {
  const tickets = positiveInteger('BENCH_DESK_TICKETS', env.BENCH_DESK_TICKETS, 1_000_000);
  const perMillion = (count: number) => Math.max(1, Math.round((count * tickets) / 1_000_000));
  return {
    tickets,
    now,
    seed: 20261208,
    spanDays: 4 * 365 + 1,
    live: perMillion(2_000),
    workingSet: perMillion(25_000),
    opened: Math.min(40, perMillion(40)),
    otherOpenings: perMillion(6_000),
    technicians: [190, 80, 30],
    requesters: Math.max(500, Math.round(tickets / 50)),
    params: DEFAULT_WORKING_SET_PARAMS,
  };
};

/** When ticket `i` (0-based, numbered i + 1) was created: evenly over the span, oldest first, with `jitter` in [0, 1). */
export const createdAtOf = (shape: DeskShape, i: number, jitter: number): number => {
  const start = shape.now - shape.spanDays * DAY_MS;
  // The newest ticket a few minutes before now, so every step of its life has happened.
  const step = (shape.spanDays * DAY_MS - 10 * 60_000) / shape.tickets;
  return Math.floor(start + (i + jitter) * step);
};

/** The first ticket created at or after `time` (approximately: by the even spread, ignoring jitter). */
export const firstTicketAfter = (shape: DeskShape, time: number): number => {
  const start = shape.now - shape.spanDays * DAY_MS;
  const step = (shape.spanDays * DAY_MS - 10 * 60_000) / shape.tickets;
  return Math.min(shape.tickets, Math.max(0, Math.ceil((time - start) / step)));
};

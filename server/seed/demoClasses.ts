import { randomBytes, randomUUID } from 'node:crypto';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import { isoWeekStart, WEEK_MS } from '../../shared/stats/period';
import type { Attendance } from '../../shared/training/trainingClass';
import { DEMO_TICKETS } from './demoTickets';

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

/** `hour`:00 UTC on the day `days` from `now`'s day: classes start on the hour in working time. */
const onDay = (now: number, days: number, hour: number): number => Math.floor(now / DAY) * DAY + days * DAY + hour * HOUR;

type Act = (actorId: string, at: number, name: string, args: unknown) => Promise<void>;

/** The demo desk's requesters of one category, as the tickets name them: a class on it invites them. */
const requestersOf = (category: string) =>
  DEMO_TICKETS.filter((ticket) => ticket.category === category).map((ticket) => ({ name: ticket.requester, contact: ticket.contact }));

/**
 * The past class's topic history, so its training impact (docs/METRICS.md) has figures: per person
 * the access tickets in each of the 8 weeks before the class week, then in the weeks after it.
 * Marta and Tom attend; HR onboarding is invited but absent; the other four are never invited.
 * Before: attendees 40 tickets in 16 person-weeks (2.5), the other five 19 in 40 (0.475). After,
 * the demo's own tickets of the last 30 days join these (each requester calls about once a week),
 * so attendees fall to about 1.2 and the others rise to about 0.8: an estimate near −1.6 tickets
 * per person-week with an interval below zero (on the day written, −1.66, [−2.9, −0.4]).
 */
const ACCESS_HISTORY: ReadonlyArray<{ name: string; contact: string; before: number[]; after: number[] }> = [
  { name: 'Marta Kowalski', contact: 'ext. 2231', before: [2, 3, 2, 3, 2, 3, 2, 3], after: [0, 1, 0] },
  { name: 'Tom Becker', contact: 'tom.becker@example.com', before: [3, 2, 3, 2, 3, 2, 3, 2], after: [0, 0, 1] },
  { name: 'HR onboarding', contact: 'hr@example.com', before: [1, 0, 1, 0, 1, 0, 1, 0], after: [1, 0, 1] },
  { name: 'Dewi Lestari', contact: 'ext. 3142', before: [0, 1, 0, 1, 0, 1, 0, 1], after: [0, 1, 1] },
  { name: 'Rafael Costa', contact: 'rafael.costa@example.com', before: [1, 1, 0, 0, 1, 0, 0, 1], after: [1, 0, 0] },
  { name: 'Nadia Rahim', contact: 'ext. 2718', before: [0, 0, 1, 1, 0, 1, 1, 0], after: [1, 1, 0] },
  { name: 'Yusuf Demir', contact: 'ext. 1604', before: [1, 0, 0, 1, 0, 0, 1, 0], after: [0, 1, 0] },
];

const ACCESS_TITLES = ['Locked out after a password change', 'MFA prompt never arrives', 'Cannot sign in to the CRM', 'Password reset link expired'];

/** Each history ticket taken and resolved within the hour by `taker` (automatic close closes them later): few mutations, as the demo seeds before the server answers. */
const seedAccessHistory = async (act: Act, taker: string, classStart: number, now: number): Promise<void> => {
  const classWeek = Date.parse(isoWeekStart(classStart));
  const weekStarts = {
    before: (week: number) => classWeek - (8 - week) * WEEK_MS,
    after: (week: number) => classWeek + (1 + week) * WEEK_MS,
  };
  for (const [p, person] of ACCESS_HISTORY.entries()) {
    for (const side of ['before', 'after'] as const) {
      for (const [week, count] of person[side].entries()) {
        for (let n = 0; n < count; n += 1) {
          // Tuesday to Thursday, in working hours, spread so no two share a minute.
          const at = weekStarts[side](week) + (1 + ((p + n) % 3)) * DAY + (9 + p) * HOUR + n * 90 * 60_000;
          if (at + 4 * DAY > now) continue;
          const id = randomUUID();
          await act(taker, at, 'ticket:create', {
            id,
            code: makeTicketCode((size) => Uint8Array.from(randomBytes(size))),
            title: ACCESS_TITLES[(p + week + n) % ACCESS_TITLES.length],
            description: '',
            requester: { name: person.name, contact: person.contact },
            category: 'access',
            priority: 'normal',
            channel: 'phone',
          });
          await act(taker, at + 5 * 60_000, 'ticket:assign', { id, assigneeId: taker });
          await act(taker, at + 40 * 60_000, 'ticket:transition', { id, from: 'open', to: 'resolved', resolution: 'Reset the password and checked sign-in.' });
        }
      }
    }
  }
};

/**
 * Two classes through the same rules the consoles use: one three to four weeks ago on `access`, with its
 * attendance marked after it (one invited requester did not come) and enough access tickets before
 * and after it for a measured impact, and one next week on `email`.
 */
export const seedDemoClasses = async (
  act: Act,
  trainers: { tina: string; sam: string },
  articleOf: ReadonlyMap<string, string>,
  now: number,
): Promise<void> => {
  const material = (category: string) => {
    const article = articleOf.get(category);
    return article === undefined ? [] : [article];
  };
  const pastId = randomUUID();
  // The Wednesday of the week 24 days back, 09:00 UTC: two or three weeks after it have ended, all in the last 30 days.
  const pastStart = Date.parse(isoWeekStart(now - 24 * DAY)) + 2 * DAY + 9 * HOUR;
  await seedAccessHistory(act, trainers.tina, pastStart, now);
  const invited = requestersOf('access');
  await act(trainers.tina, pastStart - 7 * DAY, 'class:create', {
    id: pastId,
    title: 'Passwords and sign-in without calling the desk',
    topic: 'access',
    trainerIds: [trainers.tina],
    startsAt: new Date(pastStart).toISOString(),
    durationMinutes: 60,
    place: 'Training room, floor 2',
    materials: material('access'),
    attendees: invited,
  });
  const marks = invited.map((person, i): { name: string; contact: string; attendance: Attendance } => ({
    ...person,
    attendance: i === invited.length - 1 ? 'absent' : 'attended',
  }));
  await act(trainers.tina, pastStart + 90 * 60_000, 'class:markAttendance', { id: pastId, marks });

  await act(trainers.sam, now - 2 * DAY, 'class:create', {
    id: randomUUID(),
    title: 'A tidy mailbox',
    topic: 'email',
    trainerIds: [trainers.sam, trainers.tina],
    startsAt: new Date(onDay(now, 7, 13)).toISOString(),
    durationMinutes: 45,
    place: 'https://meet.example.com/tidy-mailbox',
    materials: material('email'),
    attendees: requestersOf('email'),
  });
};

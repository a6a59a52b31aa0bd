import { randomUUID } from 'node:crypto';
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
 * Two classes through the same rules the consoles use: one two weeks ago on `access`, with its
 * attendance marked after it (one invited requester did not come), and one next week on `email`.
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
  const pastStart = onDay(now, -14, 9);
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

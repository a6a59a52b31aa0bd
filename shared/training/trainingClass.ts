import { requesterKey } from '../stats/requester';

export const ATTENDANCE = ['attended', 'absent', 'unmarked'] as const;
/** Whether an invited requester came: `unmarked` until someone marks it after the class has started. */
export type Attendance = (typeof ATTENDANCE)[number];

export const CLASS_LIMITS = {
  title: 200,
  /** A ticket category, as long as a ticket's. */
  topic: 60,
  /** A room, or a link to an online meeting. */
  place: 300,
  trainers: 10,
  materials: 20,
  attendees: 300,
  name: 200,
  contact: 200,
  /** A class is at most a day long; longer courses are several classes. */
  durationMinutes: 24 * 60,
} as const;

/**
 * A requester invited to a class. Two attendees are the same person when their `attendeeKey`s are
 * equal: the name and contact trimmed and ASCII-case-folded, exactly as the statistics' repeat-contact
 * rule tells requesters apart (shared/stats/requester.ts), so an attendee's tickets are found by it.
 */
export type ClassAttendee = { name: string; contact: string | null; attendance: Attendance };

/**
 * A training class as the server stores it and every console caches it (it belongs to every
 * working set, as articles do). Invariants: `version` starts at 1 and grows by one with every
 * accepted change (`class:update`, `class:markAttendance`); `attendees` hold no two with the same
 * `attendeeKey`; `trainerIds` and `materials` (article ids) hold no repeats; an attendee's
 * `attendance` is other than `unmarked` only if it was marked at or after `startsAt`.
 */
export type TrainingClass = {
  id: string;
  title: string;
  /** The ticket category the class teaches about. */
  topic: string;
  /** Users who teach it. */
  trainerIds: string[];
  startsAt: string;
  durationMinutes: number;
  /** Where it takes place: a room, or a link. */
  place: string;
  /** Knowledge-base article ids, the course material. */
  materials: string[];
  attendees: ClassAttendee[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
};

/** The fields a person edits with `class:update`. */
export const CLASS_FIELDS = ['title', 'topic', 'trainerIds', 'startsAt', 'durationMinutes', 'place', 'materials', 'attendees'] as const;
export type ClassField = (typeof CLASS_FIELDS)[number];

export type InvitedAttendee = { name: string; contact?: string | null | undefined };

/** Same person, by the repeat-contact rule's normalised name and contact (a missing contact equals an empty one). */
export const attendeeKey = (attendee: InvitedAttendee): string => requesterKey({ requester: { name: attendee.name, contact: attendee.contact ?? null } });

const trimmedContact = (contact: string | null | undefined): string | null => {
  const trimmed = (contact ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * The attendee list a class stores for an invitation list: names and contacts trimmed, the first of
 * any two the same person kept (in the order given), each keeping the attendance `previous` had
 * marked for them (a re-sent list does not forget who came), new ones unmarked.
 */
export const inviteAttendees = (invited: readonly InvitedAttendee[], previous: readonly ClassAttendee[] = []): ClassAttendee[] => {
  const marked = new Map(previous.map((attendee) => [attendeeKey(attendee), attendee.attendance]));
  const seen = new Set<string>();
  const list: ClassAttendee[] = [];
  for (const person of invited) {
    const key = attendeeKey(person);
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ name: person.name.trim(), contact: trimmedContact(person.contact), attendance: marked.get(key) ?? 'unmarked' });
  }
  return list;
};

/** Attendance may be marked once the class has started (at `startsAt` exactly, too), never before. */
export const hasStarted = (trainingClass: Pick<TrainingClass, 'startsAt'>, now: string): boolean => Date.parse(now) >= Date.parse(trainingClass.startsAt);

/** When the class ends: its start plus its duration. */
export const classEndsAt = (trainingClass: Pick<TrainingClass, 'startsAt' | 'durationMinutes'>): string =>
  new Date(Date.parse(trainingClass.startsAt) + trainingClass.durationMinutes * 60_000).toISOString();

/** Upcoming until it ends; past from then on (a class under way is still upcoming: attendance can be marked already). */
export const isPastClass = (trainingClass: Pick<TrainingClass, 'startsAt' | 'durationMinutes'>, now: string): boolean =>
  Date.parse(now) >= Date.parse(classEndsAt(trainingClass));

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Trainers and materials as a class stores them: without repeats, in the order given. */
export const classIds = unique;

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean =>
  a.length === b.length &&
  a.every((item, i) => {
    const other = b[i];
    return other !== undefined && same(item, other);
  });

const sameAttendee = (a: ClassAttendee, b: ClassAttendee): boolean => a.name === b.name && a.contact === b.contact && a.attendance === b.attendance;

type ClassFields = Pick<TrainingClass, ClassField>;

/** The fields whose values differ between two states of a class, in CLASS_FIELDS order. */
export const changedClassFields = (before: ClassFields, after: ClassFields): ClassField[] =>
  CLASS_FIELDS.filter((field) => {
    switch (field) {
      case 'trainerIds':
      case 'materials':
        return !sameList(before[field], after[field], (x, y) => x === y);
      case 'attendees':
        return !sameList(before.attendees, after.attendees, sameAttendee);
      case 'startsAt':
        return Date.parse(before.startsAt) !== Date.parse(after.startsAt);
      default:
        return before[field] !== after[field];
    }
  });

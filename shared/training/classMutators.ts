import { userRef, type EntityRef, type MutationContext, type Mutator, type StateReader, type Write } from '../domain/mutatorKit';
import type { MutationArgsMap } from '../domain/mutationArgs';
import { fail, ok, type Result } from '../result';
import { attendeeKey, changedClassFields, classIds, hasStarted, inviteAttendees, type TrainingClass } from './trainingClass';

const classRef = (id: string): EntityRef => ({ entity: 'class', id });
const articleRef = (id: string): EntityRef => ({ entity: 'article', id });

/** The trainers and materials a change names: each must be a known user and a known article. */
const namedRefs = (a: { trainerIds?: readonly string[] | undefined; materials?: readonly string[] | undefined }): EntityRef[] => [
  ...classIds(a.trainerIds ?? []).map(userRef),
  ...classIds(a.materials ?? []).map(articleRef),
];

const checkNamed = (a: { trainerIds?: readonly string[] | undefined; materials?: readonly string[] | undefined }, read: StateReader): Result<null> => {
  for (const trainer of a.trainerIds ?? []) if (read('user', trainer) === undefined) return fail('not_found', `No user with id ${trainer} to teach the class.`);
  for (const article of a.materials ?? []) if (read('article', article) === undefined) return fail('not_found', `No article with id ${article}.`);
  return ok(null);
};

const requireClass = (read: StateReader, id: string): Result<TrainingClass> => {
  const found = read('class', id);
  return found === undefined ? fail('not_found', `No class with id ${id}.`) : ok(found);
};

const classWrite = (trainingClass: TrainingClass): Write => ({ entity: 'class', id: trainingClass.id, data: trainingClass });

// One spelling of a time, whatever offset the client wrote it with, so both sides store the same record.
const instant = (time: string): string => new Date(time).toISOString();

export const classCreate: Mutator<MutationArgsMap['class:create']> = {
  reads: (a) => [classRef(a.id), ...namedRefs(a)],
  apply: (a, read, ctx) => {
    if (read('class', a.id) !== undefined) return fail('already_exists', `Class ${a.id} already exists.`);
    const named = checkNamed(a, read);
    if (!named.ok) return named;
    return ok([
      classWrite({
        id: a.id,
        title: a.title.trim(),
        topic: a.topic.trim(),
        trainerIds: classIds(a.trainerIds),
        startsAt: instant(a.startsAt),
        durationMinutes: a.durationMinutes,
        place: a.place.trim(),
        materials: classIds(a.materials),
        attendees: inviteAttendees(a.attendees),
        version: 1,
        createdBy: ctx.actorId,
        createdAt: ctx.now,
        updatedBy: ctx.actorId,
        updatedAt: ctx.now,
      }),
    ]);
  },
};

/**
 * Edits a class written from version `baseVersion`. Whoever saves second from the version both
 * started from is refused with the current class (`conflict`), never merged over the first. A new
 * attendee list keeps the attendance already marked for those who stay on it. A change that leaves
 * every field as it is writes nothing.
 */
export const classUpdate: Mutator<MutationArgsMap['class:update']> = {
  reads: (a) => [classRef(a.id), ...namedRefs(a)],
  apply: (a, read, ctx) => {
    const found = requireClass(read, a.id);
    if (!found.ok) return found;
    const current = found.value;
    if (current.version !== a.baseVersion) {
      return fail('conflict', `The class is at version ${current.version} now, not ${a.baseVersion}: someone else saved it meanwhile.`, current);
    }
    const named = checkNamed(a, read);
    if (!named.ok) return named;
    const next = {
      title: a.title?.trim() ?? current.title,
      topic: a.topic?.trim() ?? current.topic,
      trainerIds: a.trainerIds === undefined ? current.trainerIds : classIds(a.trainerIds),
      startsAt: a.startsAt === undefined ? current.startsAt : instant(a.startsAt),
      durationMinutes: a.durationMinutes ?? current.durationMinutes,
      place: a.place?.trim() ?? current.place,
      materials: a.materials === undefined ? current.materials : classIds(a.materials),
      attendees: a.attendees === undefined ? current.attendees : inviteAttendees(a.attendees, current.attendees),
    };
    if (changedClassFields(current, next).length === 0) return ok([]);
    return ok([classWrite({ ...current, ...next, version: current.version + 1, updatedBy: ctx.actorId, updatedAt: ctx.now })]);
  },
};

/**
 * Marks who came, once the class has started (`hasStarted` at the time of the change): before it,
 * nobody can have attended, and the change is refused as `class_not_started`. Every mark names an
 * invited attendee (matched by `attendeeKey`), else `not_found`. Marks that change nothing write nothing.
 */
export const classMarkAttendance: Mutator<MutationArgsMap['class:markAttendance']> = {
  reads: (a) => [classRef(a.id)],
  apply: (a, read, ctx: MutationContext) => {
    const found = requireClass(read, a.id);
    if (!found.ok) return found;
    const current = found.value;
    if (!hasStarted(current, ctx.now))
      return fail('class_not_started', `The class starts at ${current.startsAt}: attendance is marked once it has started.`, current);
    const marks = new Map(a.marks.map((mark) => [attendeeKey(mark), mark.attendance]));
    const invited = new Set(current.attendees.map(attendeeKey));
    const stranger = a.marks.find((mark) => !invited.has(attendeeKey(mark)));
    if (stranger !== undefined) return fail('not_found', `${stranger.name.trim()} is not invited to this class.`, current);
    const attendees = current.attendees.map((attendee) => ({ ...attendee, attendance: marks.get(attendeeKey(attendee)) ?? attendee.attendance }));
    if (attendees.every((attendee, i) => attendee.attendance === current.attendees[i]?.attendance)) return ok([]);
    return ok([classWrite({ ...current, attendees, version: current.version + 1, updatedBy: ctx.actorId, updatedAt: ctx.now })]);
  },
};

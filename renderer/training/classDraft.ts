import { CLASS_LIMITS, type TrainingClass } from '../../shared/training/trainingClass';

/** A class as its editor holds it: text as typed, the start as a `datetime-local` value in the console's time zone. */
export type ClassDraft = {
  title: string;
  topic: string;
  startsAt: string;
  durationMinutes: string;
  place: string;
  trainerIds: string[];
  materials: string[];
  attendees: Array<{ name: string; contact: string }>;
};

/** What a class's editor is opened with besides a class: a topic and the requesters suggested for it. */
export type ClassPlan = { topic: string; attendees: Array<{ name: string; contact: string | null }> };

export type DraftProblem = 'blank' | 'tooLong' | 'badTime' | 'badDuration' | 'noTrainer' | 'blankAttendee' | 'tooMany';
export type DraftProblems = Partial<Record<'title' | 'topic' | 'startsAt' | 'durationMinutes' | 'place' | 'trainerIds' | 'attendees', DraftProblem>>;

/** The fields of `class:create` and `class:update` a draft gives. */
export type ClassFields = Pick<TrainingClass, 'title' | 'topic' | 'trainerIds' | 'startsAt' | 'durationMinutes' | 'place' | 'materials'> & {
  attendees: Array<{ name: string; contact: string | null }>;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in the console's time zone (minutes). */
export const toLocalInput = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** A `datetime-local` value (the console's time zone) as an instant; null when it is not one. */
export const fromLocalInput = (value: string): string | null => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/** A new class's draft: tomorrow at 10:00, an hour long, taught by whoever plans it, with the plan's topic and attendees. */
export const newDraft = (now: string, trainerId: string, plan: ClassPlan | null): ClassDraft => {
  const start = new Date(now);
  start.setDate(start.getDate() + 1);
  start.setHours(10, 0, 0, 0);
  return {
    title: '',
    topic: plan?.topic ?? '',
    startsAt: toLocalInput(start.toISOString()),
    durationMinutes: '60',
    place: '',
    trainerIds: [trainerId],
    materials: [],
    attendees: (plan?.attendees ?? []).map((a) => ({ name: a.name, contact: a.contact ?? '' })),
  };
};

export const draftOf = (c: TrainingClass): ClassDraft => ({
  title: c.title,
  topic: c.topic,
  startsAt: toLocalInput(c.startsAt),
  durationMinutes: String(c.durationMinutes),
  place: c.place,
  trainerIds: [...c.trainerIds],
  materials: [...c.materials],
  attendees: c.attendees.map((a) => ({ name: a.name, contact: a.contact ?? '' })),
});

const textProblem = (value: string, max: number): DraftProblem | undefined =>
  value.trim() === '' ? 'blank' : [...value.trim()].length > max ? 'tooLong' : undefined;

/**
 * Checks a draft as the rules will, so the editor names the field at fault before anything is
 * saved: the fields to send, or the problems found. Rows left wholly empty are dropped.
 */
export const checkDraft = (draft: ClassDraft): { ok: true; fields: ClassFields } | { ok: false; problems: DraftProblems } => {
  const problems: DraftProblems = {};
  const title = textProblem(draft.title, CLASS_LIMITS.title);
  const topic = textProblem(draft.topic, CLASS_LIMITS.topic);
  const place = textProblem(draft.place, CLASS_LIMITS.place);
  if (title !== undefined) problems.title = title;
  if (topic !== undefined) problems.topic = topic;
  if (place !== undefined) problems.place = place;
  const startsAt = fromLocalInput(draft.startsAt);
  if (startsAt === null) problems.startsAt = 'badTime';
  const duration = Number(draft.durationMinutes.trim());
  if (!Number.isInteger(duration) || duration < 1 || duration > CLASS_LIMITS.durationMinutes) problems.durationMinutes = 'badDuration';
  if (draft.trainerIds.length === 0) problems.trainerIds = 'noTrainer';
  const rows = draft.attendees.filter((a) => a.name.trim() !== '' || a.contact.trim() !== '');
  if (rows.some((a) => a.name.trim() === '')) problems.attendees = 'blankAttendee';
  else if (rows.length > CLASS_LIMITS.attendees) problems.attendees = 'tooMany';
  if (Object.keys(problems).length > 0 || startsAt === null) return { ok: false, problems };
  return {
    ok: true,
    fields: {
      title: draft.title,
      topic: draft.topic,
      trainerIds: draft.trainerIds,
      startsAt,
      durationMinutes: duration,
      place: draft.place,
      materials: draft.materials,
      attendees: rows.map((a) => ({ name: a.name, contact: a.contact.trim() === '' ? null : a.contact })),
    },
  };
};

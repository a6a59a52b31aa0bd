import type { PublicUser } from '../../shared/domain/records';
import type { SlaState } from '../../shared/domain/sla';
import type { Priority, Status } from '../../shared/domain/ticket';

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

export const SLA_LABELS: Readonly<Record<SlaState, string>> = {
  ok: 'On track',
  near: 'Near breach',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
};

/** The verb on the button that moves a ticket from `from` to `to`. */
export const transitionLabel = (from: Status, to: Status): string => {
  if (to === 'open') return from === 'new' ? 'Mark open' : from === 'pending' ? 'Resume' : 'Reopen';
  if (to === 'pending') return 'Set pending';
  if (to === 'resolved') return 'Resolve…';
  if (to === 'closed') return 'Close';
  return STATUS_LABELS[to];
};

/** `walk-in` → `Walk-in`: option labels from lower-case identifiers. */
export const capitalize = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

export const ticketNumberLabel = (ticketNumber: number | null): string => (ticketNumber === null ? 'not yet synced' : `#${ticketNumber}`);

export const userName = (users: ReadonlyMap<string, PublicUser>, id: string | null): string | null =>
  id === null ? null : (users.get(id)?.displayName ?? 'Unknown user');

const sameDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

/** Short time for lists: the time today, else the date. */
export const formatShortTime = (iso: string, now: Date = new Date()): string => {
  const date = new Date(iso);
  return sameDay(date, now)
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric' });
};

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Day, month and time in `locale` (the console's language); the system's locale when none is given. */
export const formatDateTime = (iso: string, locale?: string): string => {
  const key = locale ?? '';
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    dateTimeFormats.set(key, format);
  }
  return format.format(new Date(iso));
};

import type { NoteVisibility } from '../../shared/domain/records';
import type { Channel, Priority, Status } from '../../shared/domain/ticket';
import { DAY_MS } from '../../shared/sync/workingSet';
import { exponential, pickWeighted, type Random } from './random';

/*
 * The life of one generated ticket as a list of steps in time order, each a change a technician
 * makes through the console (bench/desk/applyLife.ts turns them into mutations and applies the
 * real rules). Roles stand for people, chosen later: so the desk can be planned from the times
 * alone (which tickets are live, which ended lately) before anyone is picked.
 */

/** `creator` took the call or the mail; `first` works it at tier 1 (on a phone ticket, the creator); `second` and `third` at tiers 2 and 3. */
export type Role = 'creator' | 'first' | 'second' | 'third';

export type LifeStep =
  | { kind: 'create'; at: number; owned: boolean }
  | { kind: 'call'; at: number; startedAt: number; actor: Role }
  | { kind: 'take'; at: number; actor: Role }
  | { kind: 'transition'; at: number; actor: Role; from: Status; to: Status }
  | { kind: 'escalate'; at: number; actor: Role; toTier: 2 | 3 }
  | { kind: 'note'; at: number; actor: Role; visibility: NoteVisibility }
  | { kind: 'session'; at: number; startedAt: number; actor: Role }
  | { kind: 'tag'; at: number; actor: Role }
  | { kind: 'raise'; at: number; actor: Role; priority: Priority };

export type TicketLife = {
  createdAt: number;
  channel: Channel;
  priority: Priority;
  steps: LifeStep[];
  /** When it ended for the working set's `recent` (its closing, else its resolution); null while live. */
  endedAt: number | null;
};

export type LiveStatus = 'new' | 'open' | 'pending';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** No ticket's history is longer than this (except a live one's): the feed's reordering window (bench/desk/feedOrder.ts). */
export const MAX_LIFE_MS = 30 * DAY_MS;

const PRIORITIES: ReadonlyArray<readonly [Priority, number]> = [
  ['low', 25],
  ['normal', 55],
  ['high', 15],
  ['urgent', 5],
];
const CHANNELS: ReadonlyArray<readonly [Channel, number]> = [
  ['phone', 22],
  ['email', 44],
  ['self-service', 21],
  ['walk-in', 13],
];
const RAISED: Readonly<Record<Priority, Priority>> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };
const SPEED: Readonly<Record<Priority, number>> = { urgent: 0.2, high: 0.5, normal: 1, low: 2 };

/** Moves every step's time so the last one is at most `end`, keeping their order and proportions. */
const squeeze = (createdAt: number, steps: LifeStep[], end: number): LifeStep[] => {
  const last = steps[steps.length - 1]?.at ?? createdAt;
  if (last <= end) return steps;
  const factor = (end - createdAt) / (last - createdAt);
  const at = (time: number) => createdAt + Math.floor((time - createdAt) * factor);
  return steps.map((step) =>
    step.kind === 'call' || step.kind === 'session' ? { ...step, at: at(step.at), startedAt: at(step.startedAt) } : { ...step, at: at(step.at) },
  );
};

/** Work on an open ticket before its resolution: edits, tags, escalations, pending spells, notes, remote sessions. Returns the handler at the end and the time. */
const work = (random: Random, steps: LifeStep[], start: number, priority: Priority): { handler: Role; t: number; tier: number } => {
  let t = start;
  let handler: Role = 'first';
  let tier = 1;
  const later = (mean: number) => (t += exponential(random, mean * SPEED[priority]));
  if (random() < 0.02 && priority !== 'urgent') steps.push({ kind: 'raise', at: later(30 * MINUTE), actor: handler, priority: RAISED[priority] });
  if (random() < 0.03) steps.push({ kind: 'tag', at: later(HOUR), actor: handler });
  if (random() < 0.06) {
    steps.push({ kind: 'escalate', at: later(3 * HOUR), actor: handler, toTier: 2 });
    handler = 'second';
    tier = 2;
    steps.push({ kind: 'take', at: later(HOUR), actor: handler });
    if (random() < 0.25) {
      steps.push({ kind: 'escalate', at: later(6 * HOUR), actor: handler, toTier: 3 });
      handler = 'third';
      tier = 3;
      steps.push({ kind: 'take', at: later(2 * HOUR), actor: handler });
    }
  }
  if (random() < 0.05) {
    steps.push({ kind: 'transition', at: later(2 * HOUR), actor: handler, from: 'open', to: 'pending' });
    steps.push({ kind: 'transition', at: later(DAY_MS), actor: handler, from: 'pending', to: 'open' });
  }
  const notes = random() < 0.12 ? (random() < 0.2 ? 2 : 1) : 0;
  for (let n = 0; n < notes; n += 1) steps.push({ kind: 'note', at: later(2 * HOUR), actor: handler, visibility: random() < 0.3 ? 'public' : 'internal' });
  if (random() < 0.015) {
    const startedAt = later(HOUR);
    steps.push({ kind: 'session', at: later(30 * MINUTE), startedAt, actor: handler });
  }
  return { handler, t, tier };
};

const closing = (random: Random, steps: LifeStep[], t: number, handler: Role): void => {
  if (random() < 0.06) steps.push({ kind: 'transition', at: t + exponential(random, 3 * DAY_MS), actor: handler, from: 'resolved', to: 'closed' });
};

/** A ticket that is resolved (maybe reopened and resolved again, maybe closed) by `now`. */
const endedLife = (random: Random, createdAt: number, channel: Channel, priority: Priority): LifeStep[] => {
  const steps: LifeStep[] = [];
  if (channel === 'phone') {
    const callEnd = createdAt + Math.floor((2 + random() * 12) * MINUTE);
    steps.push({ kind: 'create', at: createdAt, owned: true }, { kind: 'call', at: callEnd, startedAt: createdAt, actor: 'creator' });
    if (random() < 0.5) {
      steps.push({ kind: 'transition', at: callEnd + 30_000, actor: 'first', from: 'open', to: 'resolved' });
      closing(random, steps, callEnd, 'first');
      return steps;
    }
  } else {
    steps.push({ kind: 'create', at: createdAt, owned: false });
    if (random() < 0.65) {
      // Fixed straight from new by whoever picked it up: the resolution assigns it to them.
      const at = createdAt + exponential(random, 2 * HOUR * SPEED[priority]);
      steps.push({ kind: 'transition', at, actor: 'first', from: 'new', to: 'resolved' });
      closing(random, steps, at, 'first');
      return steps;
    }
    steps.push({ kind: 'take', at: createdAt + exponential(random, 40 * MINUTE * SPEED[priority]), actor: 'first' });
  }
  const last = steps[steps.length - 1]?.at ?? createdAt;
  const { handler, t, tier } = work(random, steps, last, priority);
  let resolvedAt = t + exponential(random, (tier === 1 ? 6 * HOUR : tier === 2 ? DAY_MS : 2 * DAY_MS) * SPEED[priority]);
  steps.push({ kind: 'transition', at: resolvedAt, actor: handler, from: 'open', to: 'resolved' });
  if (random() < 0.015) {
    const reopenedAt = resolvedAt + exponential(random, DAY_MS);
    resolvedAt = reopenedAt + exponential(random, 8 * HOUR);
    steps.push(
      { kind: 'transition', at: reopenedAt, actor: handler, from: 'resolved', to: 'open' },
      { kind: 'transition', at: resolvedAt, actor: handler, from: 'open', to: 'resolved' },
    );
  }
  closing(random, steps, resolvedAt, handler);
  return steps;
};

/** A ticket still new, open or pending at `now`; its steps spread over its age so far. */
const liveLife = (random: Random, createdAt: number, channel: Channel, status: LiveStatus, now: number): LifeStep[] => {
  const phone = channel === 'phone';
  const steps: LifeStep[] = [{ kind: 'create', at: createdAt, owned: phone }];
  const age = Math.max(60_000, now - 60_000 - createdAt);
  let t = createdAt;
  const later = (share: number) => (t += Math.max(1, Math.floor(age * share)));
  if (phone) steps.push({ kind: 'call', at: later(0.05), startedAt: createdAt, actor: 'creator' });
  if (status === 'new' && !phone) return steps;
  if (!phone) steps.push({ kind: 'take', at: later(0.1), actor: 'first' });
  let handler: Role = 'first';
  if (random() < 0.1) {
    steps.push({ kind: 'escalate', at: later(0.2), actor: handler, toTier: 2 });
    handler = 'second';
    steps.push({ kind: 'take', at: later(0.1), actor: handler });
  }
  if (random() < 0.3) steps.push({ kind: 'note', at: later(0.1), actor: handler, visibility: random() < 0.3 ? 'public' : 'internal' });
  if (status === 'pending') steps.push({ kind: 'transition', at: later(0.2), actor: handler, from: 'open', to: 'pending' });
  return steps;
};

/**
 * The life of a ticket created at `createdAt`: live at `now` with `liveStatus`, else resolved by
 * `now`. Every step is at or before `now`, none more than MAX_LIFE_MS after creation unless live.
 */
export const planLife = (random: Random, createdAt: number, liveStatus: LiveStatus | null, now: number): TicketLife => {
  const priority = pickWeighted(random, PRIORITIES);
  const channel = pickWeighted(random, CHANNELS);
  if (liveStatus !== null) {
    return { createdAt, channel, priority, steps: liveLife(random, createdAt, channel, liveStatus, now), endedAt: null };
  }
  const full = endedLife(random, createdAt, channel, priority);
  const steps = squeeze(createdAt, squeeze(createdAt, full, createdAt + MAX_LIFE_MS), now - 60_000);
  return { createdAt, channel, priority, steps, endedAt: steps[steps.length - 1]?.at ?? createdAt };
};

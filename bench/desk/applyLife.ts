import { applyMutation, type ParsedMutation } from '../../shared/domain/mutate';
import type { StateReader, Write } from '../../shared/domain/mutators';
import type { Note, PublicUser, RemoteSession, TicketEvent } from '../../shared/domain/records';
import { SESSION_TOOLS } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../../shared/sync/protocol';
import type { FeedRecord } from '../../server/db/changeFeed';
import type { Schema } from '../../server/db/schema';
import { pick, ticketSerial, uuidFrom, type Random } from './random';
import type { LifeStep, Role, TicketLife } from './ticketLife';
import { assetTag, noteText, resolutionText, sessionStepTexts, tagsToAdd, type TicketText } from './ticketText';

/*
 * Applies a planned life with the real rules (shared/domain/mutators.ts), as the server's push
 * applies a console's mutations: each step is a mutation by its actor at its time, and the server's
 * own part of a create (the ticket's number) is added as server/sync/push.ts adds it. What comes
 * out is what the push path would have stored: every record in its newest state, the time of its
 * last write (its place in the change feed) and the ledger of applied mutations.
 */

export type StoredRecord = { record: FeedRecord; at: number; order: number };

export type AppliedTicket = {
  ticket: Ticket;
  events: TicketEvent[];
  notes: Note[];
  sessions: RemoteSession[];
  records: StoredRecord[];
  mutations: Array<Schema['applied_mutations']>;
};

export type LifeInput = {
  number: number;
  id: string;
  code: string;
  life: TicketLife;
  text: TicketText;
  people: Readonly<Record<Role, string>>;
  users: ReadonlyMap<string, PublicUser>;
};

const iso = (ms: number): string => new Date(ms).toISOString();

const mutationOf = (step: LifeStep, input: LifeInput, random: Random, nextId: () => string): ParsedMutation => {
  const { id } = input;
  switch (step.kind) {
    case 'create':
      return {
        name: 'ticket:create',
        args: {
          id,
          code: input.code,
          title: input.text.title,
          description: input.text.description,
          requester: input.text.requester,
          category: input.text.category,
          priority: input.life.priority,
          channel: input.life.channel,
          assigneeId: step.owned ? input.people.first : null,
        },
      };
    case 'call':
      return { name: 'call:log', args: { ticketId: id, startedAt: iso(step.startedAt), endedAt: iso(step.at) } };
    case 'take':
      return { name: 'ticket:assign', args: { id, assigneeId: input.people[step.actor], ifUnassigned: true } };
    case 'transition':
      return {
        name: 'ticket:transition',
        args: { id, from: step.from, to: step.to, resolution: step.to === 'resolved' ? resolutionText(random, input.text.category) : null },
      };
    case 'escalate':
      return { name: 'ticket:escalate', args: { id, toTier: step.toTier, reason: step.toTier === 2 ? 'Needs the second line' : 'Needs a specialist' } };
    case 'note':
      return { name: 'note:add', args: { id: nextId(), ticketId: id, body: noteText(random), visibility: step.visibility } };
    case 'session': {
      const texts = sessionStepTexts(random);
      const span = step.at - step.startedAt;
      return {
        name: 'session:save',
        args: {
          id: nextId(),
          ticketId: id,
          tool: pick(
            random,
            SESSION_TOOLS.filter((tool) => tool !== 'other'),
          ),
          target: assetTag(random),
          startedAt: iso(step.startedAt),
          endedAt: iso(step.at),
          consent: true,
          steps: texts.map((text, k) => ({ at: iso(step.startedAt + Math.floor((span * (k + 1)) / (texts.length + 1))), text })),
          outcome: 'resolved',
        },
      };
    }
    case 'tag':
      return { name: 'ticket:tag', args: { id, add: tagsToAdd(random) } };
    case 'raise':
      return { name: 'ticket:update', args: { id, priority: step.priority } };
    default:
      return step satisfies never;
  }
};

const actorOf = (step: LifeStep, people: Readonly<Record<Role, string>>): string => (step.kind === 'create' ? people.creator : people[step.actor]);

/** The server's part of a create (server/sync/push.ts, completeCreate): the ticket and its `created` event carry the number. */
const numbered = (writes: Write[], number: number): Write[] =>
  writes.map((write): Write => {
    if (write.entity === 'ticket' && write.data !== null) return { ...write, data: { ...write.data, number } };
    if (write.entity === 'event' && write.data.type === 'created') return { ...write, data: { ...write.data, data: { number } } };
    return write;
  });

/** Applies every step of the life; a step the rules refuse is a bug of the generator and throws. */
export const applyLife = (input: LifeInput, random: Random): AppliedTicket => {
  const state = new Map<string, AnyEntity>();
  const stored = new Map<string, StoredRecord>();
  const events = new Map<string, TicketEvent>();
  const notes = new Map<string, Note>();
  const sessions = new Map<string, RemoteSession>();
  let ticket: Ticket | undefined;
  const read: StateReader = <E extends EntityName>(entity: E, key: string) =>
    (entity === 'user' ? input.users.get(key) : state.get(entityKey(entity, key))) as EntityMap[E] | undefined;
  const mutations: AppliedTicket['mutations'] = [];
  // The ticket's id has serial 0 (generateDesk.ts); every id made here is one of the next 255.
  let serial = 0;
  const nextId = (): string => {
    serial += 1;
    if (serial > 255) throw new Error(`ticket ${input.number}: more ids than its serials hold`);
    return uuidFrom(random, ticketSerial(input.number - 1, serial));
  };
  input.life.steps.forEach((step, index) => {
    const mutation = mutationOf(step, input, random, nextId);
    const mutationId = nextId();
    const actorId = actorOf(step, input.people);
    const result = applyMutation(mutation, read, { mutationId, actorId, now: iso(step.at) });
    if (!result.ok) throw new Error(`ticket ${input.number}, step ${index} (${mutation.name}): ${result.error.code}: ${result.error.message}`);
    const writes = mutation.name === 'ticket:create' ? numbered(result.value, input.number) : result.value;
    writes.forEach((write, k) => {
      if (write.entity === 'ticket') ticket = write.data;
      else if (write.entity === 'event') events.set(write.id, write.data);
      else if (write.entity === 'note') notes.set(write.id, write.data);
      else if (write.entity === 'session') sessions.set(write.id, write.data);
      else throw new Error(`ticket ${input.number}: a ticket's life wrote a ${write.entity}`);
      const key = entityKey(write.entity, write.id);
      state.set(key, write.data);
      stored.set(key, { record: { entity: write.entity, id: write.id, data: write.data }, at: step.at, order: index * 64 + k });
    });
    mutations.push({
      id: mutationId,
      client_id: `console-${actorId.slice(0, 8)}`,
      actor_id: actorId,
      name: mutation.name,
      status: 'applied',
      error: null,
      applied_at: step.at,
    });
  });
  if (ticket === undefined) throw new Error(`ticket ${input.number} was never created`);
  return { ticket, events: [...events.values()], notes: [...notes.values()], sessions: [...sessions.values()], records: [...stored.values()], mutations };
};

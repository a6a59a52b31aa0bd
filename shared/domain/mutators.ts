import { can } from '../auth/capabilities';
import { articleCreate, articlePublish, articleUpdate, ticketLinkArticle } from '../knowledge/articleMutators';
import { fail, ok, type Result } from '../result';
import { classCreate, classMarkAttendance, classUpdate } from '../training/classMutators';
import { attachmentAdd } from './attachments';
import { ticketAutoClose, ticketCallerAnswer, ticketCallerMail } from './callerWord';
import { ticketMailRefused } from './mailRefused';
import { checkEscalation } from './escalation';
import { ticketLink, ticketMarkProblem, ticketUnlink } from './linkMutators';
import type { MutationArgsMap, MutationName } from './mutationArgs';
import { makeEvent, requireTicket, ticketRef, ticketWrite, userRef, type EntityRef, type Mutator, type StateReader, type Write } from './mutatorKit';
import type { CannedReply, EventPayload, PublicUser, RemoteSession } from './records';
import { dependentsOf, idCounter, moveStatus, resolveDependents } from './resolveWith';
import { computeDueTimes, DEFAULT_SLA_POLICY } from './sla';
import { checkTransition } from './status';
import { changeTags, tagsOf } from './tags';
import { EDITABLE_FIELDS, type Ticket } from './ticket';

export { eventId, type EntityRef, type MutationContext, type StateReader, type Write } from './mutatorKit';

const checkAssignee = (read: StateReader, assigneeId: string): Result<null> => {
  const user = read('user', assigneeId);
  return user === undefined || !user.active ? fail('invalid_assignee', 'The assignee is not an active member of staff.') : ok(null);
};

/**
 * A new ticket that someone is given is being worked: it opens (as Zendesk opens a ticket when an
 * agent is assigned), and leaving new is its first response (docs/METRICS.md). Null when the
 * assignment leaves the status alone: an unassignment, or a ticket past new.
 */
const openOnAssignment = (ticket: Ticket, assigneeId: string | null, now: string): Ticket | null =>
  ticket.status === 'new' && assigneeId !== null ? { ...ticket, status: 'open', firstRespondedAt: ticket.firstRespondedAt ?? now } : null;

const OPENED: EventPayload = { type: 'status_changed', data: { from: 'new', to: 'open', resolution: null, isReopen: false } };

const ticketCreate: Mutator<MutationArgsMap['ticket:create']> = {
  reads: (a) => (a.assigneeId === undefined || a.assigneeId === null ? [ticketRef(a.id)] : [ticketRef(a.id), userRef(a.assigneeId)]),
  apply: (a, read, ctx) => {
    if (read('ticket', a.id) !== undefined) return fail('already_exists', `Ticket ${a.id} already exists.`);
    const assigneeId = a.assigneeId ?? null;
    if (assigneeId !== null) {
      const check = checkAssignee(read, assigneeId);
      if (!check.ok) return check;
    }
    const due = computeDueTimes(ctx.now, a.priority, 0, ctx.slaPolicy ?? DEFAULT_SLA_POLICY);
    const ticket: Ticket = {
      id: a.id,
      number: null,
      code: a.code,
      title: a.title.trim(),
      description: a.description,
      requester: { name: a.requester.name.trim(), contact: a.requester.contact ?? null },
      category: a.category.trim(),
      priority: a.priority,
      channel: a.channel,
      status: 'new',
      tier: 1,
      assigneeId: null,
      resolution: null,
      createdBy: ctx.actorId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      reopenCount: 0,
      callMs: 0,
      ...due,
      pendingSince: null,
      pausedMs: 0,
    };
    const created = makeEvent(ctx, a.id, 0, { type: 'created', data: { number: null } });
    // Made with an owner (the technician who answered the call): theirs and open from the start.
    const opened = openOnAssignment(ticket, assigneeId, ctx.now);
    if (opened === null) return ok([ticketWrite(ticket), created]);
    return ok([
      ticketWrite({ ...opened, assigneeId }),
      created,
      makeEvent(ctx, a.id, 1, { type: 'assigned', data: { from: null, to: assigneeId } }),
      makeEvent(ctx, a.id, 2, OPENED),
    ]);
  },
};

const ticketUpdate: Mutator<MutationArgsMap['ticket:update']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    let ticket = found.value;
    const events: Write[] = [];
    for (const field of EDITABLE_FIELDS) {
      const next = a[field];
      if (next === undefined) continue;
      const value = field === 'description' ? next : next.trim();
      if (ticket[field] === value) continue;
      events.push(makeEvent(ctx, a.id, events.length, { type: 'field_edited', data: { field, from: ticket[field], to: value } }));
      ticket = { ...ticket, [field]: value };
    }
    if (events.length === 0) return ok([]);
    if (ticket.priority !== found.value.priority) {
      const due = computeDueTimes(ticket.createdAt, ticket.priority, ticket.pausedMs, ctx.slaPolicy ?? DEFAULT_SLA_POLICY);
      ticket = { ...ticket, ...due };
    }
    return ok([ticketWrite({ ...ticket, updatedAt: ctx.now }), ...events]);
  },
};

const ticketAssign: Mutator<MutationArgsMap['ticket:assign']> = {
  reads: (a) => (a.assigneeId === null ? [ticketRef(a.id)] : [ticketRef(a.id), userRef(a.assigneeId)]),
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const ticket = found.value;
    if (a.assigneeId !== null) {
      const check = checkAssignee(read, a.assigneeId);
      if (!check.ok) return check;
    }
    if (ticket.assigneeId === a.assigneeId) return ok([]);
    if (a.ifUnassigned === true && ticket.assigneeId !== null) {
      return fail('conflict', 'Someone else took this ticket first.', ticket);
    }
    const assigned = makeEvent(ctx, a.id, 0, { type: 'assigned', data: { from: ticket.assigneeId, to: a.assigneeId } });
    const opened = openOnAssignment(ticket, a.assigneeId, ctx.now);
    if (opened === null) return ok([ticketWrite({ ...ticket, assigneeId: a.assigneeId, updatedAt: ctx.now }), assigned]);
    return ok([ticketWrite({ ...opened, assigneeId: a.assigneeId, updatedAt: ctx.now }), assigned, makeEvent(ctx, a.id, 1, OPENED)]);
  },
};

/**
 * A status change. Resolving a problem resolves its open incidents, and resolving any ticket its
 * open duplicates, in this same change (resolveDependents): the set is the one the applying side
 * holds when it applies it, so the server includes an incident someone linked meanwhile.
 */
const ticketTransition: Mutator<MutationArgsMap['ticket:transition']> = {
  reads: (a) => [ticketRef(a.id)],
  follow: (a, read) => {
    const ticket = read('ticket', a.id);
    return a.to === 'resolved' && ticket !== undefined ? dependentsOf(ticket).map(ticketRef) : [];
  },
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const current = found.value;
    if (current.status !== a.from) {
      return fail('conflict', `The ticket is ${current.status} now, not ${a.from}.`, current);
    }
    const check = checkTransition(a);
    if (!check.ok) return check;
    let ticket = moveStatus(current, a.to, a.resolution ?? null, check.value.isReopen, ctx);
    const resolution = a.to === 'resolved' ? ticket.resolution : null;
    const writes: Write[] = [makeEvent(ctx, a.id, 0, { type: 'status_changed', data: { from: a.from, to: a.to, resolution, isReopen: check.value.isReopen } })];
    // A resolution is always someone's: whoever resolves an unassigned ticket (say, a new one
    // fixed on the call) gets it, so the statistics credit them with it, as Zendesk does.
    if (a.to === 'resolved' && ticket.assigneeId === null) {
      ticket = { ...ticket, assigneeId: ctx.actorId };
      writes.push(makeEvent(ctx, a.id, 1, { type: 'assigned', data: { from: null, to: ctx.actorId } }));
    }
    const dependents = a.to === 'resolved' ? resolveDependents(ticket, read, ctx, idCounter(2)) : [];
    return ok([ticketWrite(ticket), ...writes, ...dependents]);
  },
};

const ticketEscalate: Mutator<MutationArgsMap['ticket:escalate']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const ticket = found.value;
    if (ticket.status === 'resolved' || ticket.status === 'closed') {
      return fail('invalid_escalation', `A ${ticket.status} ticket cannot be escalated; reopen it first.`, ticket);
    }
    const check = checkEscalation(ticket.tier, a.toTier, a.reason);
    if (!check.ok) return check;
    // The ticket moves to the higher tier's queue, unassigned, for someone there to take.
    const writes: Write[] = [
      ticketWrite({ ...ticket, tier: check.value.toTier, assigneeId: null, updatedAt: ctx.now }),
      makeEvent(ctx, a.id, 0, { type: 'escalated', data: { fromTier: ticket.tier, toTier: check.value.toTier, reason: a.reason.trim() } }),
    ];
    if (ticket.assigneeId !== null) {
      writes.push(makeEvent(ctx, a.id, 1, { type: 'assigned', data: { from: ticket.assigneeId, to: null } }));
    }
    return ok(writes);
  },
};

const ticketTag: Mutator<MutationArgsMap['ticket:tag']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const change = changeTags(tagsOf(found.value), a.add ?? [], a.remove ?? []);
    if (!change.ok) return fail(change.error.code, change.error.message, found.value);
    const { tags, added, removed } = change.value;
    if (added.length === 0 && removed.length === 0) return ok([]);
    return ok([ticketWrite({ ...found.value, tags, updatedAt: ctx.now }), makeEvent(ctx, a.id, 0, { type: 'tags_changed', data: { added, removed } })]);
  },
};

const noteAdd: Mutator<MutationArgsMap['note:add']> = {
  reads: (a) => [ticketRef(a.ticketId), { entity: 'note', id: a.id }],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.ticketId);
    if (!found.ok) return found;
    if (read('note', a.id) !== undefined) return fail('already_exists', `Note ${a.id} already exists.`);
    const ticket = found.value;
    const isFirstResponse = a.visibility === 'public' && ticket.firstRespondedAt === null;
    const note = { id: a.id, ticketId: a.ticketId, authorId: ctx.actorId, body: a.body, visibility: a.visibility, createdAt: ctx.now };
    return ok([
      { entity: 'note', id: note.id, data: note },
      ticketWrite({ ...ticket, updatedAt: ctx.now, firstRespondedAt: isFirstResponse ? ctx.now : ticket.firstRespondedAt }),
      makeEvent(ctx, a.ticketId, 0, { type: 'note_added', data: { noteId: a.id, visibility: a.visibility } }),
    ]);
  },
};

const sessionSave: Mutator<MutationArgsMap['session:save']> = {
  reads: (a) => [ticketRef(a.ticketId), { entity: 'session', id: a.id }],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.ticketId);
    if (!found.ok) return found;
    const existing = read('session', a.id);
    if (existing !== undefined && existing.ticketId !== a.ticketId) {
      return fail('conflict', 'A remote session cannot move to another ticket.', existing);
    }
    if (existing !== undefined && existing.technicianId !== ctx.actorId) {
      return fail('forbidden', 'Only the technician who started a remote session can change it.');
    }
    const endedAt = existing?.endedAt ?? a.endedAt ?? null;
    if (endedAt !== null && Date.parse(endedAt) < Date.parse(a.startedAt)) {
      return fail('invalid_args', 'A remote session cannot end before it starts.');
    }
    const session: RemoteSession = {
      id: a.id,
      ticketId: a.ticketId,
      technicianId: existing?.technicianId ?? ctx.actorId,
      tool: a.tool,
      target: a.target.trim(),
      consent: a.consent,
      startedAt: existing?.startedAt ?? a.startedAt,
      endedAt,
      steps: a.steps,
      outcome: a.outcome ?? existing?.outcome ?? null,
      updatedAt: ctx.now,
    };
    const writes: Write[] = [{ entity: 'session', id: a.id, data: session }];
    if (existing === undefined) {
      writes.push(makeEvent(ctx, a.ticketId, 0, { type: 'session_logged', data: { sessionId: a.id, phase: 'started', durationMs: null } }));
    }
    if (endedAt !== null && (existing === undefined || existing.endedAt === null)) {
      const durationMs = Date.parse(endedAt) - Date.parse(session.startedAt);
      writes.push(makeEvent(ctx, a.ticketId, 1, { type: 'session_logged', data: { sessionId: a.id, phase: 'ended', durationMs } }));
    }
    return ok(writes);
  },
};

const callLog: Mutator<MutationArgsMap['call:log']> = {
  reads: (a) => [ticketRef(a.ticketId)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.ticketId);
    if (!found.ok) return found;
    const durationMs = Date.parse(a.endedAt) - Date.parse(a.startedAt);
    return ok([
      ticketWrite({ ...found.value, callMs: found.value.callMs + durationMs, updatedAt: ctx.now }),
      makeEvent(ctx, a.ticketId, 0, { type: 'call_logged', data: { startedAt: a.startedAt, durationMs } }),
    ]);
  },
};

/**
 * The actor, if their role may manage canned replies. Read from the actor's user record, as synced:
 * the server holds the current one, and a console its copy, so a role taken away offline is
 * refused at the latest when the change reaches the server.
 */
const requireReplyManager = (read: StateReader, actorId: string): Result<PublicUser> => {
  const actor = read('user', actorId);
  return actor === undefined || !actor.active || !can(actor.role, 'replies:manage')
    ? fail('forbidden', 'Only supervisors and admins manage canned replies.')
    : ok(actor);
};

const replyRefs = (id: string, actorId: string): EntityRef[] => [{ entity: 'reply', id }, userRef(actorId)];

const replySave: Mutator<MutationArgsMap['reply:save']> = {
  reads: (a, actorId) => replyRefs(a.id, actorId),
  apply: (a, read, ctx) => {
    const manager = requireReplyManager(read, ctx.actorId);
    if (!manager.ok) return manager;
    const existing = read('reply', a.id);
    const title = a.title.trim();
    if (existing !== undefined && existing.title === title && existing.body === a.body) return ok([]);
    // Saving a reply someone deleted meanwhile brings it back: the last change in server order wins.
    const reply: CannedReply = {
      id: a.id,
      title,
      body: a.body,
      createdBy: existing?.createdBy ?? ctx.actorId,
      createdAt: existing?.createdAt ?? ctx.now,
      updatedBy: ctx.actorId,
      updatedAt: ctx.now,
    };
    return ok([{ entity: 'reply', id: a.id, data: reply }]);
  },
};

const replyDelete: Mutator<MutationArgsMap['reply:delete']> = {
  reads: (a, actorId) => replyRefs(a.id, actorId),
  apply: (a, read, ctx) => {
    // The role first: whoever may not manage replies learns nothing about which ones exist.
    const manager = requireReplyManager(read, ctx.actorId);
    if (!manager.ok) return manager;
    if (read('reply', a.id) === undefined) return fail('not_found', `No canned reply with id ${a.id}.`);
    return ok([{ entity: 'reply', id: a.id, data: null }]);
  },
};

export const MUTATORS: { [K in MutationName]: Mutator<MutationArgsMap[K]> } = {
  'ticket:create': ticketCreate,
  'ticket:update': ticketUpdate,
  'ticket:assign': ticketAssign,
  'ticket:transition': ticketTransition,
  'ticket:escalate': ticketEscalate,
  'ticket:tag': ticketTag,
  'ticket:link': ticketLink,
  'ticket:unlink': ticketUnlink,
  'ticket:markProblem': ticketMarkProblem,
  'note:add': noteAdd,
  'attachment:add': attachmentAdd,
  'session:save': sessionSave,
  'call:log': callLog,
  'reply:save': replySave,
  'reply:delete': replyDelete,
  'article:create': articleCreate,
  'article:update': articleUpdate,
  'article:publish': articlePublish,
  'ticket:linkArticle': ticketLinkArticle,
  'class:create': classCreate,
  'class:update': classUpdate,
  'class:markAttendance': classMarkAttendance,
  'ticket:callerAnswer': ticketCallerAnswer,
  'ticket:callerMail': ticketCallerMail,
  'ticket:autoClose': ticketAutoClose,
  'ticket:mailRefused': ticketMailRefused,
};

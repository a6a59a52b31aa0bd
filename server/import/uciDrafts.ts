import type { Channel, Status } from '../../shared/domain/ticket';
import { LIMITS } from '../../shared/domain/ticket';
import type { ImportDraft } from './draft';
import type { ImportedTicket } from './serviceNow';

/** incident_state → Meja status; `-100` (5 rows in the whole log) has no meaning we know and changes nothing. */
export const UCI_STATUS: Readonly<Record<string, Status>> = {
  New: 'new',
  Active: 'open',
  'Awaiting User Info': 'pending',
  'Awaiting Vendor': 'pending',
  'Awaiting Problem': 'pending',
  'Awaiting Evidence': 'pending',
  Resolved: 'resolved',
  Closed: 'closed',
};

const CHANNEL: Readonly<Record<string, Channel>> = { Phone: 'phone', Email: 'email', 'Self service': 'self-service', 'Walk in': 'walk-in' };

/** UCI incident (already folded from its rows by importServiceNow) → draft; see docs/IMPORT.md. */
export const uciDraft = (t: ImportedTicket): ImportDraft => {
  const x = t.extra;
  const status = UCI_STATUS[t.state] ?? (t.closedAt !== null ? 'closed' : t.resolvedAt !== null ? 'resolved' : 'open');
  const subject = [t.category, x.subcategory, x.u_symptom].filter((v) => v !== null && v !== undefined).join(' / ');
  const firstWork = t.events.find((e) => (UCI_STATUS[e.state] ?? 'new') !== 'new' || e.assigneeExternalId !== null);
  const isResolved = status === 'resolved' || status === 'closed';
  const description = [
    `Imported from the ServiceNow incident event log (${t.events.length} updates).`,
    `Assignment group: ${t.assignmentGroup ?? '?'}; contact type: ${x.contact_type ?? '?'}; location: ${x.location ?? '?'}.`,
    `Impact: ${x.impact ?? '?'}; urgency: ${x.urgency ?? '?'}; SLA made: ${t.madeSla ? 'yes' : 'no'}.`,
  ].join('\n');
  return {
    externalId: t.externalId,
    line: t.line,
    title: `${t.externalId}: ${subject || 'incident'}`.slice(0, LIMITS.title),
    description,
    requester: { name: t.requesterExternalId ?? 'Unknown caller', contact: null },
    category: (t.category ?? 'other').slice(0, LIMITS.category),
    priority: t.priority,
    channel: CHANNEL[x.contact_type ?? ''] ?? 'phone',
    initialTier: 1,
    status,
    assignee: t.assigneeExternalId,
    resolution: isResolved ? (x.closed_code ?? null) : null,
    createdAt: t.createdAt,
    firstRespondedAt: firstWork?.at ?? null,
    resolvedAt: t.resolvedAt,
    closedAt: t.closedAt,
    reopenCount: t.reopenCount,
    expectedCredit: isResolved && t.resolvedAt !== null ? t.resolvedByExternalId : null,
    madeSla: t.madeSla,
    extra: { assignment_group: t.assignmentGroup, incident_state: t.state, ...x },
    steps: t.events.map((e) => ({
      at: e.at,
      line: e.line,
      assignee: e.assigneeExternalId,
      ...(UCI_STATUS[e.state] === undefined ? {} : { status: UCI_STATUS[e.state] }),
      resolution: x.closed_code ?? null,
    })),
  };
};

import type { ImportDraft } from './draft';
import type { HelpdeskTicket } from './helpdesk';

/** Activities that close a ticket without solving it: kept as the ticket's resolution text. */
const CLOSING_VERDICT: Readonly<Record<string, string>> = { INVALID: 'invalid', DUPLICATE: 'duplicate' };

/** Helpdesk case (events in file order) → draft; the activity mapping is HELPDESK_ACTIVITIES (docs/IMPORT.md). */
export const helpdeskDraft = (t: HelpdeskTicket): ImportDraft => {
  let verdict: string | null = null;
  let closedAt: string | null = null;
  let assignee: string | null = null;
  let firstRespondedAt: string | null = null;
  for (const e of t.events) {
    verdict = CLOSING_VERDICT[e.activity] ?? verdict;
    if (e.effect.status === 'closed') closedAt = e.at;
    else if (e.effect.status !== null) closedAt = null;
    // The resource who takes the ticket or resolves it is the one working on it.
    if ((e.effect.isAssignment || e.effect.isResolution) && e.resource !== null) assignee = e.resource;
    if (e.effect.isAssignment && firstRespondedAt === null) firstRespondedAt = e.at;
  }
  const isResolved = t.status === 'resolved' || t.status === 'closed';
  return {
    externalId: t.externalId,
    line: t.events[0]?.line ?? 0,
    title: `Helpdesk ${t.externalId}`,
    description: `Imported from the Helpdesk event log (${t.events.length} events: ${t.events.map((e) => e.activity).join(', ')}).`.slice(0, 20_000),
    // The log names no caller: each case is its own requester, so repeat contacts cannot be seen.
    requester: { name: `Caller of ${t.externalId}`, contact: null },
    category: 'other',
    priority: 'normal',
    channel: 'phone',
    initialTier: 1,
    status: t.status,
    assignee,
    resolution: verdict,
    createdAt: t.createdAt,
    firstRespondedAt,
    // A case closed as invalid or duplicate without a resolving activity was still closed then.
    resolvedAt: isResolved ? (t.resolvedAt ?? closedAt) : null,
    closedAt: t.status === 'closed' ? closedAt : null,
    reopenCount: null,
    expectedCredit: isResolved ? t.resolvedByExternalId : null,
    madeSla: null,
    extra: { verdict, escalations: String(t.escalations) },
    steps: t.events.map((e) => ({
      at: e.at,
      line: e.line,
      ...(e.effect.status === null ? {} : { status: e.effect.status }),
      ...((e.effect.isAssignment || e.effect.isResolution) && e.resource !== null ? { assignee: e.resource } : {}),
      ...(e.effect.isEscalation ? { escalate: true } : {}),
      resolution: CLOSING_VERDICT[e.activity] ?? null,
    })),
  };
};

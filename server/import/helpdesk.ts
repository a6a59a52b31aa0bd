import type { Status } from '../../shared/domain/ticket';
import type { CsvRow } from './csv';
import type { SkipNote } from './serviceNow';

/** What an activity does to a ticket; the table in docs/IMPORT.md states the same mapping. */
export type HelpdeskEffect = { status: Status | null; isAssignment: boolean; isEscalation: boolean; isResolution: boolean };

const effect = (status: Status | null, extra: Partial<HelpdeskEffect> = {}): HelpdeskEffect => ({
  status,
  isAssignment: false,
  isEscalation: false,
  isResolution: false,
  ...extra,
});

export const HELPDESK_ACTIVITIES: Readonly<Record<string, HelpdeskEffect>> = {
  'Insert ticket': effect('new'),
  'Assign seriousness': effect('new'),
  'Take in charge ticket': effect('open', { isAssignment: true }),
  Wait: effect('pending'),
  'Require upgrade': effect(null, { isEscalation: true }),
  'Create SW anomaly': effect(null),
  'Resolve SW anomaly': effect(null),
  'Schedule intervention': effect(null),
  'Resolve ticket': effect('resolved', { isResolution: true }),
  RESOLVED: effect('resolved', { isResolution: true }),
  VERIFIED: effect('closed'),
  Closed: effect('closed'),
  INVALID: effect('closed'),
  DUPLICATE: effect('closed'),
};

export type HelpdeskEvent = { line: number; at: string; activity: string; resource: string | null; effect: HelpdeskEffect };
export type HelpdeskTicket = {
  externalId: string;
  createdAt: string;
  status: Status;
  escalations: number;
  resolvedAt: string | null;
  resolvedByExternalId: string | null;
  events: HelpdeskEvent[];
};

/** `YYYY-MM-DD HH:MM:SS+00:00` as ISO 8601 UTC. */
const parseTime = (text: string): string | undefined => {
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

/** Events of one case are applied in file order; unknown activities and bad times are skipped with their line. */
export const importHelpdesk = async (rows: AsyncIterable<CsvRow>): Promise<{ tickets: HelpdeskTicket[]; technicians: string[]; skipped: SkipNote[] }> => {
  const skipped: SkipNote[] = [];
  const byCase = new Map<string, HelpdeskTicket>();
  const technicians = new Set<string>();
  let header: Map<string, number> | undefined;
  for await (const { line, fields } of rows) {
    if (!header) {
      header = new Map(fields.map((name, i) => [name, i]));
      continue;
    }
    const cols = header;
    const get = (c: string): string => fields[cols.get(c) ?? -1] ?? '';
    const caseId = get('case:concept:name');
    const activity = get('concept:name');
    const at = parseTime(get('time:timestamp'));
    const mapped = HELPDESK_ACTIVITIES[activity];
    if (!caseId) {
      skipped.push({ line, reason: 'missing case' });
      continue;
    }
    if (!at) {
      skipped.push({ line, reason: 'unparsable time:timestamp' });
      continue;
    }
    if (!mapped) {
      skipped.push({ line, reason: `unknown activity ${activity}` });
      continue;
    }
    const resource = get('org:resource') || null;
    if (resource) technicians.add(resource);
    const ticket = byCase.get(caseId) ?? {
      externalId: caseId,
      createdAt: at,
      status: 'new',
      escalations: 0,
      resolvedAt: null,
      resolvedByExternalId: null,
      events: [],
    };
    byCase.set(caseId, ticket);
    if (mapped.status) ticket.status = mapped.status;
    if (mapped.isEscalation) ticket.escalations += 1;
    if (mapped.isResolution) {
      ticket.resolvedAt = at;
      ticket.resolvedByExternalId = resource;
    }
    ticket.events.push({ line, at, activity, resource, effect: mapped });
  }
  return { tickets: [...byCase.values()], technicians: [...technicians].sort(), skipped };
};

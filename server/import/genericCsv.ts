import { CHANNELS, LIMITS, PRIORITIES, STATUSES, type Channel, type Priority, type Status, type Tier } from '../../shared/domain/ticket';
import type { CsvRow } from './csv';
import type { DraftStep, ImportDraft } from './draft';
import { ImportSourceError } from './importSource';
import type { SkipNote } from './serviceNow';

/** The columns of the generic `csv` format, in the order docs/IMPORT.md lists them. */
export const GENERIC_COLUMNS = [
  'external_id',
  'title',
  'description',
  'requester_name',
  'requester_contact',
  'category',
  'priority',
  'channel',
  'status',
  'tier',
  'assignee',
  'created_at',
  'resolved_at',
  'closed_at',
  'reopen_count',
] as const;
const REQUIRED = ['external_id', 'title', 'requester_name', 'created_at'] as const;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const parseIso = (text: string): string | undefined =>
  ISO.test(text) && !Number.isNaN(Date.parse(text)) ? new Date(Date.parse(text)).toISOString() : undefined;
const oneOf = <T extends string>(values: readonly T[], text: string): T | undefined => values.find((v) => v === text);

type Get = (column: (typeof GENERIC_COLUMNS)[number]) => string;

/** One row → a draft, or the reason it is refused. Empty optional cells take the documented defaults. */
export const genericRowDraft = (line: number, get: Get): ImportDraft | string => {
  for (const column of REQUIRED) if (get(column).trim() === '') return `missing ${column}`;
  const externalId = get('external_id').trim();
  const title = get('title').trim();
  if (title.length > LIMITS.title) return `title longer than ${LIMITS.title} characters`;
  if (get('description').length > LIMITS.description) return `description longer than ${LIMITS.description} characters`;
  const createdAt = parseIso(get('created_at').trim());
  if (!createdAt) return 'created_at is not an ISO 8601 time with a time zone';
  const times: Record<'resolved_at' | 'closed_at', string | null> = { resolved_at: null, closed_at: null };
  for (const column of ['resolved_at', 'closed_at'] as const) {
    const text = get(column).trim();
    if (text === '') continue;
    const at = parseIso(text);
    if (!at) return `${column} is not an ISO 8601 time with a time zone`;
    if (Date.parse(at) < Date.parse(createdAt)) return `${column} is before created_at`;
    times[column] = at;
  }
  const priority: Priority | undefined = get('priority').trim() === '' ? 'normal' : oneOf(PRIORITIES, get('priority').trim());
  if (!priority) return `priority must be one of ${PRIORITIES.join(', ')}`;
  const channel: Channel | undefined = get('channel').trim() === '' ? 'phone' : oneOf(CHANNELS, get('channel').trim());
  if (!channel) return `channel must be one of ${CHANNELS.join(', ')}`;
  const statusText = get('status').trim();
  const status: Status | undefined = statusText === '' ? (times.closed_at ? 'closed' : times.resolved_at ? 'resolved' : 'open') : oneOf(STATUSES, statusText);
  if (!status) return `status must be one of ${STATUSES.join(', ')}`;
  if ((status === 'resolved' || status === 'closed') && times.resolved_at === null) return `status ${status} needs resolved_at`;
  if (status === 'closed' && times.closed_at === null) return 'status closed needs closed_at';
  const tierText = get('tier').trim();
  const tier = tierText === '' ? 1 : Number(tierText);
  if (tier !== 1 && tier !== 2 && tier !== 3) return 'tier must be 1, 2 or 3';
  const reopenText = get('reopen_count').trim();
  const reopenCount = reopenText === '' ? 0 : Number(reopenText);
  if (!Number.isInteger(reopenCount) || reopenCount < 0) return 'reopen_count must be a whole number from 0';
  const category = get('category').trim() || 'other';
  if (category.length > LIMITS.category) return `category longer than ${LIMITS.category} characters`;
  const name = get('requester_name').trim();
  const contact = get('requester_contact').trim();
  if (name.length > LIMITS.name || contact.length > LIMITS.contact) return 'requester name or contact longer than 200 characters';
  const assignee = get('assignee').trim() || null;

  // The file says only where the ticket ended: assigned at creation, then resolved and closed.
  const steps: DraftStep[] = [];
  if (assignee !== null) steps.push({ at: createdAt, line, assignee });
  steps.push({ at: createdAt, line, status: status === 'new' ? 'new' : 'open' });
  if (times.resolved_at) steps.push({ at: times.resolved_at, line, status: 'resolved' });
  if (times.closed_at) steps.push({ at: times.closed_at, line, status: 'closed' });
  if (status === 'pending') steps.push({ at: createdAt, line, status: 'pending' });
  const isResolved = status === 'resolved' || status === 'closed';
  return {
    externalId,
    line,
    title,
    description: get('description'),
    requester: { name, contact: contact || null },
    category,
    priority,
    channel,
    initialTier: tier as Tier,
    status,
    assignee,
    resolution: null,
    createdAt,
    firstRespondedAt: null,
    resolvedAt: isResolved ? times.resolved_at : null,
    closedAt: status === 'closed' ? times.closed_at : null,
    reopenCount,
    expectedCredit: isResolved ? assignee : null,
    madeSla: null,
    extra: {},
    steps,
  };
};

/** The generic CSV: a header naming the columns (any order; unknown columns are ignored), one ticket per row. */
export const importGenericCsv = async (rows: AsyncIterable<CsvRow>): Promise<{ drafts: ImportDraft[]; skipped: SkipNote[] }> => {
  const drafts: ImportDraft[] = [];
  const skipped: SkipNote[] = [];
  const seen = new Set<string>();
  let header: Map<string, number> | undefined;
  for await (const { line, fields } of rows) {
    if (!header) {
      header = new Map(fields.map((name, i) => [name.trim().toLowerCase(), i]));
      const missing = REQUIRED.filter((c) => !header?.has(c));
      if (missing.length > 0) throw new ImportSourceError(`The CSV header lacks the column(s) ${missing.join(', ')}; see docs/IMPORT.md for the format.`);
      continue;
    }
    const columns = header;
    const draft = genericRowDraft(line, (column) => fields[columns.get(column) ?? -1] ?? '');
    if (typeof draft === 'string') skipped.push({ line, reason: draft });
    else if (seen.has(draft.externalId)) skipped.push({ line, reason: `duplicate external_id ${draft.externalId}` });
    else {
      seen.add(draft.externalId);
      drafts.push(draft);
    }
  }
  return { drafts, skipped };
};

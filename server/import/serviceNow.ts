import type { Priority } from '../../shared/domain/ticket';
import type { CsvRow } from './csv';

/** One row of the UCI ServiceNow event log, kept as a timeline event of its ticket. */
export type ImportedEvent = { line: number; at: string; state: string; assigneeExternalId: string | null; modCount: number };

/**
 * A ticket rebuilt from its rows. Fields come from the final row (highest sys_mod_count, ties: later
 * in the file); times are ISO 8601 UTC; null means the file had `?`. Tier is always 1: the log's
 * assignment groups say nothing about support tiers, so the group is kept as text instead.
 */
export type ImportedTicket = {
  externalId: string;
  category: string | null;
  assignmentGroup: string | null;
  priority: Priority;
  state: string;
  tier: 1;
  createdAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  madeSla: boolean;
  requesterExternalId: string | null;
  assigneeExternalId: string | null;
  resolvedByExternalId: string | null;
  /** Source fields Meja has no column for, from the final row (kept with the import's provenance). */
  extra: Record<string, string | null>;
  /** Line of the final row. */
  line: number;
  events: ImportedEvent[];
};

/** Final-row columns kept as provenance (anonymised codes such as `Location 143`). */
export const UCI_EXTRA_COLUMNS = [
  'contact_type',
  'subcategory',
  'u_symptom',
  'location',
  'impact',
  'urgency',
  'closed_code',
  'resolved_by',
  'opened_by',
  'knowledge',
] as const;

export type SkipNote = { line: number; reason: string };
export type ServiceNowImport = { tickets: ImportedTicket[]; technicians: string[]; skipped: SkipNote[]; notes: SkipNote[] };

const PRIORITY: Readonly<Record<string, Priority>> = {
  '1 - Critical': 'urgent',
  '2 - High': 'high',
  '3 - Moderate': 'normal',
  '4 - Low': 'low',
};

const orNull = (value: string | undefined): string | null => (value === undefined || value === '?' || value === '' ? null : value);

/** `D/M/YYYY HH:MM` read as UTC; undefined when the text is not such a time. */
export const parseUciTime = (text: string): string | undefined => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || hour > 23) return undefined;
  return date.toISOString();
};

type Row = { line: number; get: (column: string) => string | null };

/** Reads the whole event log (141k rows fit in memory; grouped in a Map so file order need not be by number). */
export const importServiceNow = async (rows: AsyncIterable<CsvRow>): Promise<ServiceNowImport> => {
  const skipped: SkipNote[] = [];
  const notes: SkipNote[] = [];
  const groups = new Map<string, Row[]>();
  let header: Map<string, number> | undefined;
  for await (const { line, fields } of rows) {
    if (!header) {
      header = new Map(fields.map((name, i) => [name, i]));
      continue;
    }
    const columns = header;
    const row: Row = { line, get: (column) => orNull(fields[columns.get(column) ?? -1]) };
    const number = row.get('number');
    if (!number) {
      skipped.push({ line, reason: 'missing number' });
      continue;
    }
    const group = groups.get(number);
    if (group) group.push(row);
    else groups.set(number, [row]);
  }

  const technicians = new Set<string>();
  const tickets: ImportedTicket[] = [];
  for (const [number, group] of groups) {
    const ticket = toTicket(number, group, skipped, notes);
    if (!ticket) continue;
    for (const e of ticket.events) if (e.assigneeExternalId) technicians.add(e.assigneeExternalId);
    tickets.push(ticket);
  }
  return { tickets, technicians: [...technicians].sort(), skipped, notes };
};

const toTicket = (number: string, group: Row[], skipped: SkipNote[], notes: SkipNote[]): ImportedTicket | undefined => {
  const events: ImportedEvent[] = [];
  let final: { row: Row; mod: number } | undefined;
  let previousMod = -1;
  let reopenCount = 0;
  let resolvedBy: string | null = null;
  for (const row of group) {
    const at = parseUciTime(row.get('sys_updated_at') ?? '');
    const mod = Number(row.get('sys_mod_count'));
    if (!at || !Number.isInteger(mod)) {
      skipped.push({ line: row.line, reason: !at ? 'unparsable sys_updated_at' : 'unparsable sys_mod_count' });
      continue;
    }
    if (mod < previousMod) notes.push({ line: row.line, reason: `sys_mod_count goes back from ${previousMod} to ${mod} (row kept)` });
    previousMod = mod;
    if (!final || mod >= final.mod) final = { row, mod };
    reopenCount = Math.max(reopenCount, Number(row.get('reopen_count')) || 0);
    const state = row.get('incident_state') ?? 'unknown';
    const assignee = row.get('assigned_to');
    if (state === 'Resolved') resolvedBy = assignee;
    events.push({ line: row.line, at, state, assigneeExternalId: assignee, modCount: mod });
  }
  if (!final) return undefined;
  const f = final.row;
  const createdAt = parseUciTime(f.get('opened_at') ?? '');
  if (!createdAt) {
    skipped.push({ line: f.line, reason: `ticket ${number}: unparsable opened_at` });
    return undefined;
  }
  const priority = PRIORITY[f.get('priority') ?? ''];
  if (!priority) {
    skipped.push({ line: f.line, reason: `ticket ${number}: unknown priority ${f.get('priority') ?? '?'}` });
    return undefined;
  }
  const optionalTime = (column: string): string | null => {
    const text = f.get(column);
    if (text === null) return null;
    const at = parseUciTime(text);
    if (!at) notes.push({ line: f.line, reason: `ticket ${number}: unparsable ${column} read as none` });
    return at ?? null;
  };
  return {
    externalId: number,
    category: f.get('category'),
    assignmentGroup: f.get('assignment_group'),
    priority,
    state: f.get('incident_state') ?? 'unknown',
    tier: 1,
    createdAt,
    resolvedAt: optionalTime('resolved_at'),
    closedAt: optionalTime('closed_at'),
    reopenCount,
    madeSla: f.get('made_sla') === 'true',
    requesterExternalId: f.get('caller_id'),
    assigneeExternalId: f.get('assigned_to'),
    resolvedByExternalId: resolvedBy,
    extra: Object.fromEntries(UCI_EXTRA_COLUMNS.map((column) => [column, f.get(column)])),
    line: f.line,
    events,
  };
};

/**
 * Reads `npm audit --json` and decides whether the production dependencies may ship: no high or
 * critical advisory unless it is listed, with a reason, in `audit-exceptions.json`. Kept apart
 * from running npm so the decision can be tested on reports of every shape.
 */

export type AuditException = { advisory: string; reason: string };

export type AuditVerdict =
  | { kind: 'clean'; lines: string[] }
  | { kind: 'blocked'; lines: string[] }
  /** The advisory service did not answer: nothing was checked, and the output says so. */
  | { kind: 'unavailable'; lines: string[] };

type Advisory = { url: string; title: string; severity: string; packageName: string };

const BLOCKING = new Set(['high', 'critical']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

// An entry's `via` lists advisories (objects) or the names of the dependencies it inherits them
// from (strings); only the objects are advisories, and one may appear under several packages.
const advisoriesOf = (vulnerabilities: Record<string, unknown>): Advisory[] => {
  const found = new Map<string, Advisory>();
  for (const entry of Object.values(vulnerabilities)) {
    if (!isRecord(entry) || !Array.isArray(entry.via)) continue;
    for (const via of entry.via) {
      if (!isRecord(via)) continue;
      const advisory = { url: text(via.url), title: text(via.title), severity: text(via.severity), packageName: text(via.name) };
      found.set(`${advisory.url} ${advisory.packageName}`, advisory);
    }
  }
  return [...found.values()];
};

export const auditVerdict = (report: unknown, exceptions: readonly AuditException[]): AuditVerdict => {
  if (!isRecord(report)) return { kind: 'unavailable', lines: ['npm audit gave no report.'] };
  if (!isRecord(report.vulnerabilities)) {
    const why = text(report.message) || (isRecord(report.error) ? text(report.error.summary) : '') || 'no vulnerabilities section';
    return { kind: 'unavailable', lines: [`The advisory service did not answer (${why}): the production dependencies were NOT checked.`] };
  }
  const excused = new Map(exceptions.map((exception) => [exception.advisory, exception.reason]));
  const lines: string[] = [];
  let blocking = 0;
  for (const advisory of advisoriesOf(report.vulnerabilities)) {
    const label = `${advisory.severity} ${advisory.packageName}: ${advisory.title} (${advisory.url})`;
    const reason = excused.get(advisory.url);
    if (!BLOCKING.has(advisory.severity)) lines.push(`below the bar: ${label}`);
    else if (reason !== undefined) lines.push(`excused: ${label} — ${reason}`);
    else {
      blocking += 1;
      lines.push(`BLOCKING: ${label}`);
    }
  }
  if (blocking > 0) return { kind: 'blocked', lines: [...lines, `${blocking} high or critical advisory(ies) without a reason in audit-exceptions.json.`] };
  return { kind: 'clean', lines: [...lines, 'No unexplained high or critical advisory in the production dependencies.'] };
};

import type { LoadReport, Spread } from './runLoad';

const ms = (value: number) => (Number.isNaN(value) ? '—' : `${value.toFixed(0)} ms`);
const trio = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;

/** True when the run kept every guarantee: every cache equals the server, every change once, no errors (but 503s during a fault made on purpose). */
export const isClean = (r: LoadReport): boolean =>
  r.differences.length === 0 &&
  r.exactlyOnce.lost.length === 0 &&
  r.exactlyOnce.misreported.length === 0 &&
  r.exactlyOnce.countMismatches.length === 0 &&
  r.exactlyOnce.numberGaps === 0 &&
  r.errors.server5xx + r.errors.client4xx + r.errors.failedRequests === 0 &&
  (r.fault !== null || r.errors.unavailable503 === 0);

const seconds = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);

/** The runs side by side, one column each, as a Markdown table. */
export const loadTable = (reports: readonly LoadReport[]): string => {
  const row = (name: string, cell: (r: LoadReport) => string) => `| ${name} | ${reports.map(cell).join(' | ')} |`;
  return [
    `| | ${reports.map((r) => r.label).join(' | ')} |`,
    `|---|${reports.map(() => '---').join('|')}|`,
    row('server instances / consoles (their cache)', (r) => `${r.instances} / ${r.consoles} (${r.storage === 'memory' ? 'in memory' : 'IndexedDB'})`),
    row('changes applied / refused as conflicts', (r) => `${r.mutationsApplied.toLocaleString('en')} / ${r.mutationsRejected.toLocaleString('en')}`),
    row('changes applied per second', (r) => r.mutationsPerSecond.toFixed(1)),
    row('pull page round trip p50 / p95 / p99', (r) => `${trio(r.pull)} (${r.pull.count.toLocaleString('en')} pulls)`),
    row('pulls / live batches applied without a pull (changes in them) per change applied', (r) =>
      r.mutationsApplied === 0
        ? '—'
        : `${(r.pull.count / r.mutationsApplied).toFixed(2)} / ${(r.live.batches / r.mutationsApplied).toFixed(2)} (${(r.live.changes / r.mutationsApplied).toFixed(1)})`,
    ),
    row('poke → change in the cache p50 / p95 / p99', (r) => `${trio(r.pokeToVisible)} (${r.pokeToVisible.count.toLocaleString('en')} pokes)`),
    row(
      "push sent → title edit in another console's cache p50 / p95 / p99",
      (r) => `${trio(r.changeToVisible)} (${r.changeToVisible.count.toLocaleString('en')})`,
    ),
    row(
      'CPU seconds during the load: instances / load process (all consoles)',
      (r) => `${r.cpu.instances === null ? '—' : r.cpu.instances.toFixed(1)} / ${r.cpu.consoles.toFixed(1)} (of ${(r.seconds * 2).toFixed(0)} on 2 cores)`,
    ),
    row('outages (a console offline, then back)', (r) => String(r.outages)),
    ...(reports.some((r) => r.fault !== null)
      ? [
          row('fault made halfway', (r) => r.fault?.name ?? 'none'),
          row('database down → answering again', (r) => (r.fault === null ? '—' : seconds(r.fault.outageMs))),
          row('then → each console that stayed online synced again, p50 / p95 / max', (r) =>
            r.fault === null
              ? '—'
              : `${seconds(r.fault.recoveryMs.p50)} / ${seconds(r.fault.recoveryMs.p95)} / ${seconds(r.fault.recoveryMs.max)} (${r.fault.recoveryMs.count} consoles)`,
          ),
          row('consoles that met a 503 / 503 answers', (r) => (r.fault === null ? '—' : `${r.fault.consolesRefused} / ${r.errors.unavailable503}`)),
        ]
      : []),
    row(
      'errors: 503 / other 5xx / other 4xx / failed requests',
      (r) => `${r.errors.unavailable503} / ${r.errors.server5xx} / ${r.errors.client4xx} / ${r.errors.failedRequests}`,
    ),
    row('end of load → every console caught up', (r) => `${(r.catchUpMs / 1000).toFixed(1)} s`),
    row('consoles equal to the server', (r) => `${r.converged} of ${r.consoles} (${r.serverRecords.toLocaleString('en')} records)`),
    row(
      'changes queued / lost / outcome misreported',
      (r) => `${r.exactlyOnce.queued.toLocaleString('en')} / ${r.exactlyOnce.lost.length} / ${r.exactlyOnce.misreported.length}`,
    ),
    row('records not adding up to the applied changes', (r) =>
      r.exactlyOnce.countMismatches.length === 0 && r.exactlyOnce.numberGaps === 0
        ? 'none'
        : [...r.exactlyOnce.countMismatches, `${r.exactlyOnce.numberGaps} ticket numbers off`].join('; '),
    ),
  ].join('\n');
};
